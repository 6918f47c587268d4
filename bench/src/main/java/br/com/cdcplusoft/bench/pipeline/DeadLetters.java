package br.com.cdcplusoft.bench.pipeline;

import br.com.cdcplusoft.core.catalog.TopicCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Counts the dead letters written since it was created, on the mapper's and the sink's dead-letter
 * topics of an entity: rows the pipeline rightly refuses (e.g. a buyer whose CPF fails its check
 * digits) never reach the receiver, so a run is complete when received + dead-lettered = rows.
 * Reads committed records only: the mapper writes dead letters in its transactions.
 */
public final class DeadLetters implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<String> topics;
    private final Set<TopicPartition> assigned = new java.util.HashSet<>();
    private long count;

    public DeadLetters(String bootstrap, String entity) {
        this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        TopicCatalog catalog = TopicCatalog.defaults();
        this.topics = List.of(catalog.changeDeadLetters(entity).name(), catalog.payloadDeadLetters(entity).name());
        assignNew(true);
    }

    /** Dead letters committed since this counter was created. */
    public long count() {
        assignNew(false);
        if (!assigned.isEmpty()) {
            count += consumer.poll(Duration.ofMillis(50)).count();
        }
        return count;
    }

    /** Picks up partitions (topics appear when the mapper or the sink declares them); existing ones start at their end. */
    private void assignNew(boolean atEnd) {
        List<TopicPartition> fresh = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> infos;
            try {
                infos = consumer.partitionsFor(topic, Duration.ofSeconds(2));
            } catch (RuntimeException e) {
                continue;
            }
            if (infos == null) {
                continue;
            }
            for (PartitionInfo p : infos) {
                TopicPartition tp = new TopicPartition(p.topic(), p.partition());
                if (!assigned.contains(tp)) {
                    fresh.add(tp);
                }
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        assigned.addAll(fresh);
        consumer.assign(assigned);
        if (atEnd) {
            consumer.seekToEnd(fresh);
        } else {
            consumer.seekToBeginning(fresh);
        }
        for (TopicPartition tp : fresh) {
            consumer.position(tp);
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
