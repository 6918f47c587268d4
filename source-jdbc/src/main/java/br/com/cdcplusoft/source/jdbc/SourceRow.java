package br.com.cdcplusoft.source.jdbc;

import br.com.cdcplusoft.core.json.Json;
import java.time.LocalDateTime;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * One row read from a source view, kept as the JSON bytes the change envelope carries: a snapshot
 * reads and publishes millions of rows, and building a tree per row only to serialise it again
 * was most of the publisher's CPU.
 *
 * <p>{@link #json()} and {@link #keyJson()} return the arrays themselves, not copies: read them,
 * never write to them.
 */
public final class SourceRow {

    private final ObjectNode key;
    private final byte[] keyJson;
    private final byte[] json;
    private final LocalDateTime cursor;

    /**
     * @param key    the primary key columns, as the record key
     * @param row    every column of the view
     * @param cursor the change-cursor value, or null when the entity has no cursor
     */
    public SourceRow(ObjectNode key, ObjectNode row, LocalDateTime cursor) {
        this(key, Json.mapper().writeValueAsBytes(key), Json.mapper().writeValueAsBytes(row), cursor);
    }

    SourceRow(ObjectNode key, byte[] keyJson, byte[] json, LocalDateTime cursor) {
        this.key = Objects.requireNonNull(key, "key");
        this.keyJson = keyJson;
        this.json = json;
        this.cursor = cursor;
    }

    /** The primary key columns, as the record key. */
    public ObjectNode key() {
        return key;
    }

    /** {@link #key()} as JSON, exactly as the pipeline's serialiser writes it. */
    public byte[] keyJson() {
        return keyJson;
    }

    /** Every column of the view as one JSON object, exactly as the pipeline's serialiser writes {@link #row()}. */
    public byte[] json() {
        return json;
    }

    /** Every column of the view, parsed from {@link #json()} on each call. */
    public ObjectNode row() {
        return (ObjectNode) Json.mapper().readTree(json);
    }

    /** The change-cursor value, or null when the entity has no cursor. */
    public LocalDateTime cursor() {
        return cursor;
    }

    @Override
    public String toString() {
        // the key is a source id, never personal data; the row may hold some
        return "SourceRow[key=" + key + ", cursor=" + cursor + "]";
    }
}
