package br.com.cdcplusoft.resilience.kafka;

import br.com.cdcplusoft.core.catalog.TopicCatalog;
import br.com.cdcplusoft.core.deadletter.DeadLetterFormat;
import br.com.cdcplusoft.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** The dead letters on one topic, reduced to what the suite checks: the key, the field, the reason. */
public final class DeadLetters {

    /**
     * @param key    the record key as text (the original record's), or "null"
     * @param field  the field at fault (mapper dead letters)
     * @param reason the reason (mapper: the field problem or why the record was unreadable; sink: the plusoft-dlq-reason header)
     * @param status Plusoft's status (sink dead letters), or null
     */
    public record Letter(String topic, int partition, long offset, String key, String field, String reason, String status) {
        public String describe() {
            return topic + " key " + key + ": " + (field == null ? "" : field + " ") + reason + (status == null ? "" : " (HTTP " + status + ")");
        }
    }

    private static final TopicCatalog TOPICS = TopicCatalog.defaults();

    private DeadLetters() {
    }

    public static List<Letter> read(Topics topics, String topic) {
        if (!topics.topicNames().contains(topic)) {
            return List.of();
        }
        List<Letter> letters = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : topics.readAll(topic)) {
            String key = r.key() == null ? "null" : new String(r.key(), StandardCharsets.UTF_8);
            if (topic.startsWith(TOPICS.changePrefix())) {
                JsonNode value = json(r.value());
                JsonNode originalKey = value == null ? null : value.get("key");
                letters.add(new Letter(topic, r.partition(), r.offset(),
                        originalKey == null || originalKey.isNull() ? key : originalKey.toString(),
                        value == null ? null : text(value.get("field")), value == null ? "unreadable" : text(value.get("reason")), null));
            } else {
                letters.add(new Letter(topic, r.partition(), r.offset(), key, null, header(r, DeadLetterFormat.SINK_REASON), header(r, DeadLetterFormat.SINK_STATUS)));
            }
        }
        return letters;
    }

    private static JsonNode json(byte[] bytes) {
        try {
            return bytes == null ? null : Json.mapper().readTree(bytes);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asString();
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
