package br.com.cdcplusoft.dev.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Reads what a topic holds now, for tests: every partition from its beginning to its end offset at the call. */
public final class TopicContents {

    private TopicContents() {
    }

    /** Assigns {@code consumer} to every partition of {@code topic} and reads up to the end offsets of this moment. */
    public static <K, V> List<ConsumerRecord<K, V>> drain(KafkaConsumer<K, V> consumer, String topic) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        List<ConsumerRecord<K, V>> out = new ArrayList<>();
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
            consumer.poll(Duration.ofMillis(100)).forEach(out::add);
        }
        return out;
    }
}
