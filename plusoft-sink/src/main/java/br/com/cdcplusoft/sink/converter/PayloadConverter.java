package br.com.cdcplusoft.sink.converter;

import br.com.cdcplusoft.core.json.Json;
import br.com.cdcplusoft.sink.config.EntityRoute;
import java.math.BigDecimal;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a record of {@code plusoft.<entidade>} into what goes on the wire. A payload is sent as the
 * exact bytes the mapper wrote (decimals stay as written) once it is checked to be one JSON object.
 * A tombstone becomes what the entity's {@code tombstone-action} says, built from the record key
 * (the Plusoft identity, e.g. {@code {"IDPRODUTO":10}}).
 */
public final class PayloadConverter {

    private static final ObjectReader READER = Json.mapper().readerFor(JsonNode.class)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private PayloadConverter() {
    }

    public static Entry convert(int index, ConsumerRecord<byte[], byte[]> record, EntityRoute route) {
        if (record.value() == null || record.value().length == 0) {
            return tombstone(index, record, route);
        }
        JsonNode value = readObject(record.value());
        if (value == null) {
            return new Entry(index, record, Entry.Kind.INVALID, null, "value is not a JSON object");
        }
        return new Entry(index, record, Entry.Kind.UPSERT, record.value(), null);
    }

    private static Entry tombstone(int index, ConsumerRecord<byte[], byte[]> record, EntityRoute route) {
        return switch (route.tombstoneAction()) {
            case SKIP -> new Entry(index, record, Entry.Kind.SKIP, null, null);
            case DELETE -> {
                JsonNode key = record.key() == null ? null : readObject(record.key());
                yield key == null
                        ? new Entry(index, record, Entry.Kind.INVALID, null, "tombstone key is not a JSON object")
                        : new Entry(index, record, Entry.Kind.DELETE, Json.mapper().writeValueAsBytes(key), null);
            }
            case INACTIVE -> {
                JsonNode key = record.key() == null ? null : readObject(record.key());
                if (key == null) {
                    yield new Entry(index, record, Entry.Kind.INVALID, null, "tombstone key is not a JSON object");
                }
                ObjectNode inactive = ((ObjectNode) key).deepCopy();
                inactive.set(route.inactiveField(), typed(route.inactiveValue()));
                yield new Entry(index, record, Entry.Kind.UPSERT, Json.mapper().writeValueAsBytes(inactive), null);
            }
        };
    }

    /** "0" and "1.5" are numbers, "true"/"false" booleans, anything else a string. */
    static JsonNode typed(String value) {
        if (value.equals("true") || value.equals("false")) {
            return Json.mapper().getNodeFactory().booleanNode(Boolean.parseBoolean(value));
        }
        try {
            return Json.mapper().getNodeFactory().numberNode(new BigDecimal(value));
        } catch (NumberFormatException e) {
            return Json.mapper().getNodeFactory().stringNode(value);
        }
    }

    private static JsonNode readObject(byte[] bytes) {
        try {
            JsonNode node = READER.readValue(bytes);
            return node != null && node.isObject() ? node : null;
        } catch (JacksonException e) {
            return null;
        }
    }
}
