package br.com.cdcplusoft.extractor.polling;

import java.time.LocalDateTime;
import tools.jackson.databind.node.ObjectNode;

/** Where an entity's incremental polling stands: the last emitted row's cursor value and key. */
record CursorPosition(LocalDateTime cursor, ObjectNode key) {
}
