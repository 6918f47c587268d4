package br.com.cdcplusoft.sink.converter;

import br.com.cdcplusoft.core.json.Json;
import br.com.cdcplusoft.sink.config.EntityRoute;
import br.com.cdcplusoft.sink.config.TombstoneAction;
import java.math.BigDecimal;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a record of {@code plusoft.<entidade>} into what goes on the wire. A payload is sent as the
 * exact bytes the mapper wrote (decimals stay as written), never parsed: {@link JsonObjectCheck} only
 * makes sure they are one JSON object, since the body is made by putting them side by side. A
 * tombstone becomes what the entity's {@code tombstone-action} says, built from the record key (the
 * Plusoft identity, e.g. {@code {"IDPRODUTO":10}}).
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
        String problem = JsonObjectCheck.problem(record.value());
        if (problem != null) {
            return invalid(index, record, "value is not a JSON object: " + problem);
        }
        return new Entry(index, record, Entry.Kind.UPSERT, record.value(), null);
    }

    private static Entry tombstone(int index, ConsumerRecord<byte[], byte[]> record, EntityRoute route) {
        if (route.tombstoneAction() == TombstoneAction.SKIP) {
            return new Entry(index, record, Entry.Kind.SKIP, null, null);
        }
        if (record.key() == null) {
            return invalid(index, record, "tombstone has no key");
        }
        String problem = JsonObjectCheck.problem(record.key());
        if (problem != null) {
            return invalid(index, record, "tombstone key is not a JSON object: " + problem);
        }
        if (route.tombstoneAction() == TombstoneAction.DELETE) {
            return new Entry(index, record, Entry.Kind.DELETE, record.key(), null);
        }
        // tombstones are rare: the tree is the plain way to add the flag, or replace it when the key has it
        ObjectNode inactive;
        try {
            inactive = (ObjectNode) READER.readValue(record.key());
        } catch (JacksonException e) {
            // well formed, yet past one of Jackson's limits (number length, nesting)
            return invalid(index, record, "tombstone key is not a JSON object: " + e.getClass().getSimpleName());
        }
        inactive.set(route.inactiveField(), typed(route.inactiveValue()));
        return new Entry(index, record, Entry.Kind.UPSERT, Json.mapper().writeValueAsBytes(inactive), null);
    }

    private static Entry invalid(int index, ConsumerRecord<byte[], byte[]> record, String problem) {
        return new Entry(index, record, Entry.Kind.INVALID, null, problem);
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
}
