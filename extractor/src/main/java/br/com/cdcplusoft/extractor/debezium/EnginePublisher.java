package br.com.cdcplusoft.extractor.debezium;

import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each batch of the engine to Kafka, unchanged: key = the row's primary key as JSON
 * ({@code {"SEQPRODUTO":10}}), value = Debezium's envelope as JSON without schemas (the
 * pipeline-core {@code ChangeEvent} shape), or null for the tombstone that follows a delete.
 *
 * <p>At least once: the batch is marked processed, and so its offsets committed, only after Kafka
 * acknowledged every record of it. A send that fails or times out stops the engine rather than
 * skipping rows; on restart it resumes from the last committed offset.
 */
final class EnginePublisher implements DebeziumEngine.ChangeConsumer<ChangeEvent<String, String>> {

    private static final Logger log = LoggerFactory.getLogger(EnginePublisher.class);

    private final Producer<byte[], byte[]> producer;
    private final TableRoutes routes;
    private final Duration sendTimeout;
    private final Set<String> unrouted = ConcurrentHashMap.newKeySet();

    EnginePublisher(Producer<byte[], byte[]> producer, TableRoutes routes, Duration sendTimeout) {
        this.producer = producer;
        this.routes = routes;
        this.sendTimeout = sendTimeout;
    }

    @Override
    public void handleBatch(List<ChangeEvent<String, String>> records,
                            DebeziumEngine.RecordCommitter<ChangeEvent<String, String>> committer) throws InterruptedException {
        List<Future<RecordMetadata>> sends = new ArrayList<>(records.size());
        for (ChangeEvent<String, String> record : records) {
            Optional<String> topic = routes.topicFor(record.destination());
            if (topic.isPresent()) {
                sends.add(producer.send(new ProducerRecord<>(topic.get(), bytes(record.key()), bytes(record.value()))));
            } else if (unrouted.add(record.destination())) {
                log.info("Debezium destination {} has no route in extractor.debezium.tables: not published", record.destination());
            }
        }
        long deadline = System.nanoTime() + sendTimeout.toNanos();
        for (Future<RecordMetadata> send : sends) {
            try {
                send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                throw new IllegalStateException("Kafka rejected a Debezium change record: " + e.getCause().getMessage(), e.getCause());
            } catch (TimeoutException e) {
                throw new IllegalStateException("Kafka did not acknowledge a batch of " + sends.size()
                        + " Debezium change records within " + sendTimeout, e);
            }
        }
        for (ChangeEvent<String, String> record : records) {
            committer.markProcessed(record);
        }
        committer.markBatchFinished();
        if (!sends.isEmpty()) {
            log.debug("Published {} Debezium change records", sends.size());
        }
    }

    /** Deletes are followed by tombstones: they must reach the compacted topics too. */
    @Override
    public boolean supportsTombstoneEvents() {
        return true;
    }

    private static byte[] bytes(String json) {
        return json == null ? null : json.getBytes(StandardCharsets.UTF_8);
    }
}
