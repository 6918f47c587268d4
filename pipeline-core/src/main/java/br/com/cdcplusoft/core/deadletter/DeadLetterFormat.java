package br.com.cdcplusoft.core.deadletter;

import br.com.cdcplusoft.core.json.Json;
import java.util.Base64;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The pipeline's two dead-letter formats, defined once: the mapper writes them, the sink writes them,
 * the gateway lists and re-drives them, and the tests read them with these names.
 *
 * <h2>Mapper: {@code consinco.<entidade>.dlq} (and {@code consinco.base.<TABLE>.dlq})</h2>
 * The value is JSON:
 * <pre>
 * {"entity":"clientes", "field":"IDPESSOA", "reason":"is not a valid CPF (...)",
 *  "errors":[{"field":"IDPESSOA","reason":"..."}],
 *  "topic":"consinco.clientes", "partition":1, "offset":42,
 *  "key":{"SEQPESSOA":997}, "event":{...the change event as it was read...}, "encoding":"json"}
 * </pre>
 * {@code field} is null when the event itself could not be read; then {@code key} and {@code event}
 * hold the raw bytes in base64 when they are not JSON, and {@code encoding} says so.
 *
 * <h2>Sink: {@code plusoft.<entidade>.dlq}</h2>
 * Key and value are the original record's (so producing it back re-drives it); the failure is in
 * headers: {@link #SINK_REASON} and the others below, plus Spring Kafka's {@code kafka_dlt-original-*}.
 */
public final class DeadLetterFormat {

    public static final String ENTITY = "entity";
    public static final String FIELD = "field";
    public static final String REASON = "reason";
    public static final String ERRORS = "errors";
    public static final String TOPIC = "topic";
    public static final String PARTITION = "partition";
    public static final String OFFSET = "offset";
    public static final String KEY = "key";
    public static final String EVENT = "event";
    public static final String ENCODING = "encoding";
    public static final String ENCODING_JSON = "json";
    public static final String ENCODING_BASE64 = "base64";

    /** Prefix of every header the sink adds to a dead letter. */
    public static final String SINK_HEADER_PREFIX = "plusoft-";
    /** Why the sink gave up: a {@code DeadLetterReason} name (REJECTED, RETRIES_EXHAUSTED, ...). */
    public static final String SINK_REASON = "plusoft-dlq-reason";
    /** Plusoft's last HTTP status, absent when there was none. */
    public static final String SINK_STATUS = "plusoft-status";
    /** Plusoft's response body, truncated. */
    public static final String SINK_RESPONSE_BODY = "plusoft-response-body";
    /** Requests made for the batch that held the record. */
    public static final String SINK_ATTEMPTS = "plusoft-attempts";
    /** Idempotency key of the last request that held the record. */
    public static final String SINK_IDEMPOTENCY_KEY = "plusoft-idempotency-key";

    /** Prefix of the headers Spring Kafka's dead-letter recoverer adds. */
    public static final String ORIGINAL_PREFIX = "kafka_dlt-";
    public static final String ORIGINAL_TOPIC = "kafka_dlt-original-topic";
    public static final String ORIGINAL_PARTITION = "kafka_dlt-original-partition";
    public static final String ORIGINAL_OFFSET = "kafka_dlt-original-offset";

    private DeadLetterFormat() {
    }

    /** One problem of a record: the field (null for the whole record) and why. */
    public record Problem(String field, String reason) {
    }

    /**
     * The mapper's dead-letter value.
     *
     * @param problems the record's field problems; empty when the record as a whole failed ({@code reason})
     */
    public static ObjectNode mapperValue(String entity, List<Problem> problems, String reason, String topic, int partition,
                                         long offset, byte[] key, byte[] value) {
        ObjectNode dl = Json.mapper().createObjectNode();
        dl.put(ENTITY, entity);
        dl.put(FIELD, problems.isEmpty() ? null : problems.get(0).field());
        dl.put(REASON, problems.isEmpty() ? reason : problems.get(0).reason());
        ArrayNode list = dl.putArray(ERRORS);
        problems.forEach(p -> list.addObject().put(FIELD, p.field()).put(REASON, p.reason()));
        dl.put(TOPIC, topic);
        dl.put(PARTITION, partition);
        dl.put(OFFSET, offset);
        JsonNode keyJson = readable(key);
        JsonNode eventJson = readable(value);
        dl.set(KEY, keyJson != null ? keyJson : base64(key));
        dl.set(EVENT, eventJson != null ? eventJson : base64(value));
        dl.put(ENCODING, (key == null || keyJson != null) && (value == null || eventJson != null) ? ENCODING_JSON : ENCODING_BASE64);
        return dl;
    }

    /** The bytes as JSON, or null when they are absent or not JSON. */
    public static JsonNode readable(byte[] bytes) {
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
