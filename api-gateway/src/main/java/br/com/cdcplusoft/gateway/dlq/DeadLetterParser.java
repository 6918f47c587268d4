package br.com.cdcplusoft.gateway.dlq;

import static br.com.cdcplusoft.core.deadletter.DeadLetterFormat.*;

import br.com.cdcplusoft.core.envelope.PipelineHeaders;
import br.com.cdcplusoft.core.json.Json;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import tools.jackson.databind.JsonNode;

/**
 * Reads the two dead-letter formats of the pipeline ({@link br.com.cdcplusoft.core.deadletter.DeadLetterFormat}).
 * <ul>
 *   <li>mapper ({@code consinco.<e>.dlq}): the value is JSON {@code {entity, field, reason, errors, topic,
 *       partition, offset, key, event, encoding}}; {@code event} is the original change event, in base64
 *       when it was not readable JSON (then it cannot be re-driven usefully).</li>
 *   <li>sink ({@code plusoft.<e>.dlq}): key and value are the original ones; the reason is in headers
 *       ({@code plusoft-dlq-reason}, {@code plusoft-status}, {@code plusoft-response-body}, Spring's
 *       {@code kafka_dlt-original-topic/-partition/-offset}).</li>
 * </ul>
 */
final class DeadLetterParser {

    static final String REDRIVEN_FROM = "pipeline-redriven-from";
    private static final int DETAIL_LIMIT = 200;
    /** Headers that describe the failure or a run, not the record: never carried onto a re-drive. */
    private static final Set<String> DROPPED = Set.of(PipelineHeaders.RUN_ID, PipelineHeaders.FORCED, PipelineHeaders.CONTROL, REDRIVEN_FROM);
    private static final Pattern EMAIL = Pattern.compile("[\\p{L}\\p{N}._%+-]+@");
    private static final Pattern LONG_DIGITS = Pattern.compile("\\d{8,}|\\d{3}\\.\\d{3}\\.\\d{3}-\\d{2}|\\d{2}\\.\\d{3}\\.\\d{3}/\\d{4}-\\d{2}");

    private DeadLetterParser() {
    }

    static DeadLetter mapper(ConsumerRecord<byte[], byte[]> record) {
        JsonNode value = json(record.value());
        JsonNode key = json(record.key());
        List<Header> headers = carried(record);
        if (value == null || !value.isObject()) {
            return new DeadLetter(DeadLetter.Stage.MAPPER, record.partition(), record.offset(), Instant.ofEpochMilli(record.timestamp()),
                    "dead letter is not readable JSON", null, null, null, new DeadLetter.Origin(null, null, null), key, null, null,
                    false, headers);
        }
        JsonNode event = value.get(EVENT);
        boolean readable = ENCODING_JSON.equals(text(value, ENCODING)) && event != null && !event.isNull();
        JsonNode originalKey = value.get(KEY);
        DeadLetter.Origin origin = new DeadLetter.Origin(text(value, TOPIC), integer(value, PARTITION), longValue(value, OFFSET));
        return new DeadLetter(DeadLetter.Stage.MAPPER, record.partition(), record.offset(), Instant.ofEpochMilli(record.timestamp()),
                text(value, REASON), text(value, FIELD), null, null, origin,
                originalKey == null || originalKey.isNull() ? key : originalKey,
                originalKey == null || originalKey.isNull() || !readable ? null : Json.mapper().writeValueAsBytes(originalKey),
                readable ? Json.mapper().writeValueAsBytes(event) : null, readable, headers);
    }

    static DeadLetter sink(ConsumerRecord<byte[], byte[]> record) {
        String reason = header(record, SINK_REASON);
        String status = header(record, SINK_STATUS);
        String body = header(record, SINK_RESPONSE_BODY);
        DeadLetter.Origin origin = new DeadLetter.Origin(header(record, ORIGINAL_TOPIC),
                number(record, ORIGINAL_PARTITION) == null ? null : number(record, ORIGINAL_PARTITION).intValue(),
                number(record, ORIGINAL_OFFSET));
        return new DeadLetter(DeadLetter.Stage.SINK, record.partition(), record.offset(), Instant.ofEpochMilli(record.timestamp()),
                reason == null ? "unknown" : reason, null, status == null ? null : parseInt(status), scrub(body), origin,
                json(record.key()), record.key(), record.value(), true, carried(record));
    }

    /** Personal data out of free text (Plusoft's answers may quote a record): e-mail users, document and phone digits. */
    static String scrub(String text) {
        if (text == null) {
            return null;
        }
        String s = EMAIL.matcher(text).replaceAll("***@");
        s = LONG_DIGITS.matcher(s).replaceAll("***");
        s = s.replaceAll("\\p{Cntrl}", " ");
        return s.length() <= DETAIL_LIMIT ? s : s.substring(0, DETAIL_LIMIT) + "...";
    }

    /** The record's own headers (run id, force marker, failure details and Spring's kafka_dlt-* left out). */
    private static List<Header> carried(ConsumerRecord<byte[], byte[]> record) {
        List<Header> headers = new ArrayList<>();
        for (Header h : record.headers()) {
            if (!DROPPED.contains(h.key()) && !h.key().startsWith(ORIGINAL_PREFIX) && !h.key().startsWith(SINK_HEADER_PREFIX)) {
                headers.add(h);
            }
        }
        return headers;
    }

    private static JsonNode json(byte[] bytes) {
        return readable(bytes);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }

    private static Integer integer(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || !v.canConvertToInt() ? null : v.intValue();
    }

    private static Long longValue(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || !v.canConvertToLong() ? null : v.longValue();
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** Spring writes the original partition as 4 bytes and the offset as 8 (big-endian). */
    private static Long number(ConsumerRecord<byte[], byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        if (h == null || h.value() == null) {
            return null;
        }
        byte[] v = h.value();
        return switch (v.length) {
            case Integer.BYTES -> (long) ByteBuffer.wrap(v).getInt();
            case Long.BYTES -> ByteBuffer.wrap(v).getLong();
            default -> null;
        };
    }

    private static Integer parseInt(String s) {
        try {
            return Integer.valueOf(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
