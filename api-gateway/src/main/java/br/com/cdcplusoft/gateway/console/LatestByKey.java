package br.com.cdcplusoft.gateway.console;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;

/**
 * The latest value per key of a compacted topic (the extractor's cursors, the sinks' status), read
 * from the beginning by a consumer of its own group that never commits, as the run tracker reads
 * the runs topic: every gateway replica, after every restart, holds the whole picture. A
 * tombstone forgets its key, and so does a record that cannot be read (its content is not logged):
 * what the page would show for it is unknown.
 */
final class LatestByKey<V> {

    private static final Logger log = LoggerFactory.getLogger(LatestByKey.class);

    private final Map<String, V> latest = new ConcurrentHashMap<>();

    Map<String, V> snapshot() {
        return Map.copyOf(latest);
    }

    void accept(String key, V value) {
        if (key == null) {
            return;
        }
        if (value == null) {
            latest.remove(key);
        } else {
            latest.put(key, value);
        }
    }

    KafkaMessageListenerContainer<String, V> container(Map<String, Object> consumerProperties, String topic, String groupPrefix,
                                                       Deserializer<String> keys, Deserializer<V> values) {
        Map<String, Object> props = new java.util.HashMap<>(consumerProperties);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // the extractor and the sink create their topics compacted; a reader must not create them first
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        // a topic created after this gateway started (no sink ran yet) is found within 30 s, not metadata.max.age's 5 min
        props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 30_000);
        DefaultKafkaConsumerFactory<String, V> factory = new DefaultKafkaConsumerFactory<>(props, keys, lenient(values));
        ContainerProperties container = new ContainerProperties(topic);
        container.setGroupId(groupPrefix + "-" + UUID.randomUUID());
        // never acknowledged, so never committed: the next start reads the topic from the beginning again
        container.setAckMode(ContainerProperties.AckMode.MANUAL);
        container.setMessageListener((MessageListener<String, V>) record -> accept(record.key(), record.value()));
        return new KafkaMessageListenerContainer<>(factory, container);
    }

    private static <V> Deserializer<V> lenient(Deserializer<V> delegate) {
        return (topic, data) -> {
            try {
                return delegate.deserialize(topic, data);
            } catch (SerializationException e) {
                log.warn("Skipping an unreadable record of {} ({} bytes)", topic, data == null ? 0 : data.length);
                return null;
            }
        };
    }
}
