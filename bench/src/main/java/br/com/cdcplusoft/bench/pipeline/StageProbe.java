package br.com.cdcplusoft.bench.pipeline;

import br.com.cdcplusoft.core.catalog.TopicCatalog;
import br.com.cdcplusoft.core.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import tools.jackson.databind.JsonNode;

/**
 * Splits the change latency by stage: it reads the change topic and the payload topic from their
 * end, committed records only (as the sink does), and notes when each row became readable on each.
 * Record timestamps would not do: Kafka Streams gives its output the input's timestamp. With the
 * commit time and the receiver's arrival time this gives commit -> change topic, change topic ->
 * payload topic and payload topic -> receiver.
 */
final class StageProbe implements AutoCloseable {

    final Map<String, Long> extractedAt = new ConcurrentHashMap<>();
    final Map<String, Long> mappedAt = new ConcurrentHashMap<>();
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    StageProbe(String bootstrap, String entity) {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false", ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "20"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        String changes = TopicCatalog.defaults().changes(entity).name();
        String payloads = TopicCatalog.defaults().payloads(entity).name();
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(changes, payloads)) {
            for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(10))) {
                partitions.add(new TopicPartition(topic, p.partition()));
            }
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        thread = new Thread(() -> {
            try {
                while (running) {
                    var records = consumer.poll(Duration.ofMillis(100));
                    long seen = System.currentTimeMillis();
                    for (ConsumerRecord<byte[], byte[]> r : records) {
                        String id = id(r.key());
                        if (id != null) {
                            (r.topic().equals(changes) ? extractedAt : mappedAt).putIfAbsent(id, seen);
                        }
                    }
                }
            } catch (WakeupException e) {
                // closing
            } finally {
                consumer.close();
            }
        }, "stage-probe");
        thread.setDaemon(true);
        thread.start();
    }

    /** "SEQNF|SEQPRODUTO" from either topic's key, or null for other records (run-end markers). */
    static String id(byte[] key) {
        if (key == null) {
            return null;
        }
        JsonNode k = Json.mapper().readTree(key);
        JsonNode a = k.has("SEQNF") ? k.get("SEQNF") : k.get("IDCUPOM");
        JsonNode b = k.has("SEQPRODUTO") ? k.get("SEQPRODUTO") : k.get("IDPRODUTO");
        return a == null || b == null ? null : a.asString() + "|" + b.asString();
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
