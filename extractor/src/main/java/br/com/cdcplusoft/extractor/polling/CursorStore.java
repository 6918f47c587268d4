package br.com.cdcplusoft.extractor.polling;

import br.com.cdcplusoft.core.catalog.Topic;
import br.com.cdcplusoft.core.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps each entity's cursor in a compacted Kafka topic (key = entity), so a restarted extractor,
 * or a new container, resumes where the last one stopped: no local file to lose.
 */
final class CursorStore {

    private final Topic<String, JsonNode> topic;
    private final KafkaTemplate<String, JsonNode> template;
    private final Map<String, Object> consumerProperties;

    CursorStore(Topic<String, JsonNode> topic, KafkaTemplate<String, JsonNode> template, Map<String, Object> consumerProperties) {
        this.topic = topic;
        this.template = template;
        this.consumerProperties = consumerProperties;
    }

    /** Reads the topic from the beginning to its end and returns the latest position per entity. */
    Map<String, CursorPosition> loadAll() {
        Properties props = new Properties();
        props.putAll(consumerProperties);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Map<String, CursorPosition> positions = new HashMap<>();
        try (KafkaConsumer<String, JsonNode> consumer = new KafkaConsumer<>(props, topic.keySerde().deserializer(),
                topic.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Instant deadline = Instant.now().plusSeconds(60);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("reading stored cursors from " + topic.name() + " did not finish within 60 s");
                }
                for (ConsumerRecord<String, JsonNode> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() == null) {
                        positions.remove(record.key());
                    } else {
                        positions.put(record.key(), fromJson(record.value()));
                    }
                }
            }
        }
        return positions;
    }

    /** Stores a position; throws when Kafka did not acknowledge it (the poll fails and is read again). */
    void save(String entity, CursorPosition position) {
        var sent = template.send(topic.name(), entity, toJson(position));
        template.flush();
        sent.join();
    }

    static JsonNode toJson(CursorPosition position) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("cursor", position.cursor().toString());
        node.set("key", position.key());
        node.put("savedAt", Instant.now().toString());
        return node;
    }

    static CursorPosition fromJson(JsonNode node) {
        JsonNode key = node.get("key");
        return new CursorPosition(LocalDateTime.parse(node.get("cursor").asString()),
                key == null || key.isNull() ? null : (ObjectNode) key);
    }
}
