package br.com.cdcplusoft.source.jdbc;

import java.time.LocalDateTime;
import tools.jackson.databind.node.ObjectNode;

/**
 * One row read from a source view.
 *
 * @param key    the primary key columns, as the record key
 * @param row    every column of the view
 * @param cursor the change-cursor value, or null when the entity has no cursor
 */
public record SourceRow(ObjectNode key, ObjectNode row, LocalDateTime cursor) {
}
