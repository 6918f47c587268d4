package br.com.cdcplusoft.mapper.topology;

import br.com.cdcplusoft.core.deadletter.DeadLetterFormat;
import br.com.cdcplusoft.mapping.FieldError;
import java.util.List;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The value written to {@code consinco.<entidade>.dlq}, in the shape {@link DeadLetterFormat} defines
 * for every stage that reads it. The base-table readers of the Debezium mode write the same shape to
 * {@code consinco.base.<TABLE>.dlq} ({@code entity} then names the table).
 */
public final class DeadLetter {

    private DeadLetter() {
    }

    public static ObjectNode of(String entity, List<FieldError> errors, String reason, RecordMetadata source, byte[] key, byte[] value) {
        return DeadLetterFormat.mapperValue(entity,
                errors.stream().map(e -> new DeadLetterFormat.Problem(e.field(), e.reason())).toList(),
                reason, source.topic(), source.partition(), source.offset(), key, value);
    }

    /** The bytes as JSON, or null when they are absent or not JSON. */
    static JsonNode readable(byte[] bytes) {
        return DeadLetterFormat.readable(bytes);
    }
}
