package br.com.cdcplusoft.mapper.topology;

import br.com.cdcplusoft.core.envelope.ChangeEvent;
import br.com.cdcplusoft.core.envelope.Op;
import br.com.cdcplusoft.core.envelope.Source;
import br.com.cdcplusoft.core.json.Json;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a change event's bytes into a {@link ChangeEvent} in one pass of Jackson's streaming
 * parser: the row images become trees (the mapping specs read them by column name), the rest is
 * read field by field, and members the mapper does not use are skipped unread. Binding the record
 * with databind cost the mapper about a sixth of its CPU per row (the source block through a
 * property-based creator).
 *
 * <p>Only the shape the extractor and Debezium (schemas off) write is read here. Anything else
 * (a value Debezium wrapped with its schema, a member of an unexpected JSON type, an unknown op)
 * goes through databind exactly as before, so such a record reads, or fails to read, the same way.
 */
final class EnvelopeReader {

    private static final ObjectReader EVENTS = Json.mapper().readerFor(ChangeEvent.class);
    /** Reads one row image from where the parser stands; the envelope goes on after it. */
    private static final ObjectReader IMAGES = Json.mapper().readerFor(ObjectNode.class)
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private EnvelopeReader() {
    }

    /** The change event, or null for a tombstone or a schema-wrapped null payload. */
    static ChangeEvent read(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return null;
        }
        ChangeEvent event = fast(bytes);
        return event != null ? event : slow(bytes);
    }

    /** Null when the bytes are not the plain envelope shape (then {@link #slow} decides); package-private for its test. */
    static ChangeEvent fast(byte[] bytes) {
        try (JsonParser p = Json.mapper().createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            ObjectNode before = null;
            ObjectNode after = null;
            Op op = null;
            Long tsMs = null;
            Source source = null;
            for (String name = p.nextName(); name != null; name = p.nextName()) {
                JsonToken token = p.nextToken();
                switch (name) {
                    case "before", "after" -> {
                        if (token == JsonToken.START_OBJECT) {
                            ObjectNode image = IMAGES.readValue(p);
                            if (name.equals("before")) {
                                before = image;
                            } else {
                                after = image;
                            }
                        } else if (token != JsonToken.VALUE_NULL) {
                            return null;
                        }
                    }
                    case "op" -> {
                        if (token == JsonToken.VALUE_STRING) {
                            op = op(p.getString());
                            if (op == null) {
                                return null;
                            }
                        } else if (token != JsonToken.VALUE_NULL) {
                            return null;
                        }
                    }
                    case "ts_ms" -> {
                        if (token == JsonToken.VALUE_NUMBER_INT) {
                            tsMs = p.getLongValue();
                        } else if (token != JsonToken.VALUE_NULL) {
                            return null;
                        }
                    }
                    case "source" -> {
                        if (token == JsonToken.START_OBJECT) {
                            source = source(p);
                            if (source == null) {
                                return null;
                            }
                        } else if (token != JsonToken.VALUE_NULL) {
                            return null;
                        }
                    }
                    // Debezium's schema wrapper: its payload is the envelope
                    case "schema", "payload" -> {
                        return null;
                    }
                    default -> p.skipChildren();
                }
            }
            // content after the envelope: databind decides, as it always did
            return p.nextToken() == null ? new ChangeEvent(before, after, op, tsMs, source) : null;
        } catch (RuntimeException e) {
            // malformed or beyond a limit: databind reads it again and says what is wrong
            return null;
        }
    }

    /** The source block's members the pipeline uses; null when one has an unexpected JSON type. */
    private static Source source(JsonParser p) {
        String version = null;
        String connector = null;
        String name = null;
        Long tsMs = null;
        String snapshot = null;
        String db = null;
        String schema = null;
        String table = null;
        String entity = null;
        String cursor = null;
        String runId = null;
        Boolean forced = null;
        for (String member = p.nextName(); member != null; member = p.nextName()) {
            JsonToken token = p.nextToken();
            if (token == JsonToken.VALUE_NULL) {
                continue;
            }
            switch (member) {
                case "ts_ms" -> {
                    if (token != JsonToken.VALUE_NUMBER_INT) {
                        return null;
                    }
                    tsMs = p.getLongValue();
                }
                case "forced" -> {
                    if (!token.isBoolean()) {
                        return null;
                    }
                    forced = token == JsonToken.VALUE_TRUE;
                }
                case "version", "connector", "name", "snapshot", "db", "schema", "table", "entity", "cursor", "run_id" -> {
                    if (token != JsonToken.VALUE_STRING) {
                        return null;
                    }
                    String text = p.getString();
                    switch (member) {
                        case "version" -> version = text;
                        case "connector" -> connector = text;
                        case "name" -> name = text;
                        case "snapshot" -> snapshot = text;
                        case "db" -> db = text;
                        case "schema" -> schema = text;
                        case "table" -> table = text;
                        case "entity" -> entity = text;
                        case "cursor" -> cursor = text;
                        default -> runId = text;
                    }
                }
                default -> p.skipChildren();
            }
        }
        return new Source(version, connector, name, tsMs, snapshot, db, schema, table, entity, cursor, runId, forced);
    }

    private static Op op(String code) {
        for (Op op : Op.values()) {
            if (op.code().equals(code)) {
                return op;
            }
        }
        return null;
    }

    /** Databind, after unwrapping Debezium's {"schema":...,"payload":...}: every other shape, and every error. */
    private static ChangeEvent slow(byte[] bytes) {
        JsonNode node = unwrap(Json.mapper().readTree(bytes));
        return node == null || node.isNull() || node.isMissingNode() ? null : EVENTS.readValue(node);
    }

    /** Debezium's JSON converter with schemas on wraps keys and values as {"schema":..., "payload":...}. */
    static JsonNode unwrap(JsonNode node) {
        if (node != null && node.isObject() && node.has("schema") && node.has("payload") && node.size() == 2) {
            JsonNode payload = node.get("payload");
            return payload.isNull() ? null : payload;
        }
        return node;
    }
}
