package br.com.cdcplusoft.core.envelope;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.node.ObjectNode;

/**
 * A change to one source row, in Debezium's envelope shape with schemas off, so that the JDBC
 * extractor and a Debezium connector feed the same topics.
 *
 * <p>{@code before} and {@code after} hold the source columns under their exact Oracle names.
 * Oracle {@code DATE} values are written as local ISO date-times without an offset
 * ({@code 2025-03-01T14:32:00}); Debezium may send epoch milliseconds instead, readers accept both.
 * Numbers are exact JSON numbers (or decimal strings, as Debezium's {@code decimal.handling.mode=string}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChangeEvent(
        ObjectNode before,
        ObjectNode after,
        Op op,
        @JsonProperty("ts_ms") Long tsMs,
        Source source) {

    /** The row as it is now, or as it was before a delete. */
    public ObjectNode row() {
        return after != null ? after : before;
    }

    public boolean deletes() {
        return op == Op.DELETE;
    }
}
