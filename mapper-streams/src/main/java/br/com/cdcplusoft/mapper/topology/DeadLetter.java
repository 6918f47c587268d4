package br.com.cdcplusoft.mapper.topology;

import br.com.cdcplusoft.core.json.Json;
import br.com.cdcplusoft.mapping.FieldError;
import java.util.Base64;
import java.util.List;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The value written to {@code consinco.<entidade>.dlq}:
 * <pre>
 * {"entity":"clientes", "field":"IDPESSOA", "reason":"is not a valid CPF (...)",
 *  "errors":[{"field":"IDPESSOA","reason":"..."}],
 *  "topic":"consinco.clientes", "partition":1, "offset":42,
 *  "key":{"SEQPESSOA":997}, "event":{...the change event as it was read...}, "encoding":"json"}
 * </pre>
 * {@code field} is null when the event itself could not be read; then {@code key} and
 * {@code event} hold the raw bytes in base64 when they are not JSON, and {@code encoding} says so.
 * The base-table readers of the Debezium mode write the same shape to {@code consinco.base.<TABLE>.dlq}
 * ({@code entity} then names the table).
 */
public final class DeadLetter {

    private DeadLetter() {
    }

    public static ObjectNode of(String entity, List<FieldError> errors, String reason, RecordMetadata source, byte[] key, byte[] value) {
        ObjectNode dl = Json.mapper().createObjectNode();
        dl.put("entity", entity);
        dl.put("field", errors.isEmpty() ? null : errors.get(0).field());
        dl.put("reason", errors.isEmpty() ? reason : errors.get(0).reason());
        ArrayNode list = dl.putArray("errors");
        errors.forEach(e -> list.addObject().put("field", e.field()).put("reason", e.reason()));
        dl.put("topic", source.topic());
        dl.put("partition", source.partition());
        dl.put("offset", source.offset());
        JsonNode keyJson = readable(key);
        JsonNode eventJson = readable(value);
        dl.set("key", keyJson != null ? keyJson : base64(key));
        dl.set("event", eventJson != null ? eventJson : base64(value));
        dl.put("encoding", (key == null || keyJson != null) && (value == null || eventJson != null) ? "json" : "base64");
        return dl;
    }

    /** The bytes as JSON, or null when they are absent or not JSON. */
    static JsonNode readable(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return null;
        }
        try {
            return Json.mapper().readTree(bytes);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static JsonNode base64(byte[] bytes) {
        return bytes == null ? Json.mapper().nullNode() : Json.mapper().getNodeFactory().stringNode(Base64.getEncoder().encodeToString(bytes));
    }
}
