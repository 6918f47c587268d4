package br.com.cdcplusoft.source.publish;

import br.com.cdcplusoft.core.catalog.EntityDefinition;
import br.com.cdcplusoft.core.catalog.TopicCatalog;
import br.com.cdcplusoft.core.envelope.ChangeEvent;
import br.com.cdcplusoft.core.envelope.Op;
import br.com.cdcplusoft.core.envelope.PipelineHeaders;
import br.com.cdcplusoft.core.envelope.RunEndMarker;
import br.com.cdcplusoft.core.envelope.Source;
import br.com.cdcplusoft.core.run.RunEvent;
import br.com.cdcplusoft.source.jdbc.SourceRow;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Publishes source rows as change envelopes on {@code consinco.<entidade>} and run facts on the
 * runs topic. Sends are asynchronous and shared by every caller (one producer), but their failures
 * are not: each caller (a poll batch, a snapshot run) publishes through its own {@link Sends}, whose
 * {@link Sends#flush()} waits for every send and rethrows the first failure of that caller only. So
 * a poller stores a cursor, and a run writes its end markers, only once Kafka acknowledged every row
 * that caller sent before, whatever other threads flush in between.
 */
public final class ChangePublisher {

    private static final Logger log = LoggerFactory.getLogger(ChangePublisher.class);

    private final KafkaTemplate<JsonNode, ChangeEvent> changes;
    private final KafkaTemplate<String, RunEvent> runs;
    private final TopicCatalog topics;

    public ChangePublisher(KafkaTemplate<JsonNode, ChangeEvent> changes, KafkaTemplate<String, RunEvent> runs, TopicCatalog topics) {
        this.changes = changes;
        this.runs = runs;
        this.topics = topics;
    }

    /** A new tracker of sends, for one caller: one poll batch or one snapshot run. */
    public Sends sends() {
        return new Sends();
    }

    /** The sends of one caller and the first of them that failed. Not shared between threads. */
    public final class Sends {

        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        private Sends() {
        }

        /** A polled row (not part of a run): op {@code u}, snapshot {@code false}. */
        public void publishChange(EntityDefinition entity, SourceRow row) {
            send(entity, row, Op.UPDATE, "false", null, false, null);
        }

        /**
         * A snapshot row: op {@code r}, with the run id and force marker in the source block and headers,
         * and the run's trigger in a header.
         */
        public void publishSnapshotRow(EntityDefinition entity, SourceRow row, String runId, boolean forced, String trigger) {
            send(entity, row, Op.READ, "true", runId, forced, trigger);
        }

        private void send(EntityDefinition entity, SourceRow row, Op op, String snapshot, String runId, boolean forced,
                          String trigger) {
            long now = System.currentTimeMillis();
            Source source = new Source("1", Source.JDBC_CONNECTOR, "consinco", now, snapshot, null, null, entity.source(),
                    entity.name(), row.cursor() == null ? null : row.cursor().toString(), runId, runId == null ? null : forced);
            ProducerRecord<JsonNode, ChangeEvent> record = new ProducerRecord<>(topics.changes(entity.name()).name(), row.key(),
                    new ChangeEvent(null, row.row(), op, now, source));
            if (runId != null) {
                PipelineHeaders.set(record.headers(), PipelineHeaders.RUN_ID, runId);
                PipelineHeaders.set(record.headers(), PipelineHeaders.FORCED, Boolean.toString(forced));
                PipelineHeaders.set(record.headers(), PipelineHeaders.TRIGGER, trigger);
            }
            track(record.topic(), changes.send(record));
        }

        /**
         * Opens a snapshot run: one start marker on every partition of the entity's change topic, so
         * the mapper knows where the run began on a partition even where the run itself has no row.
         */
        public void publishRunStart(EntityDefinition entity, String runId, boolean forced) {
            publishMarkers(entity, runId, forced, PipelineHeaders.RUN_START, 0, false);
        }

        /**
         * Closes a snapshot run: one end marker on every partition of the entity's change topic.
         * Call it only after {@link #flush()} confirmed every row of the run.
         *
         * @param confirmDeletes the operator confirmed that the run may delete more than the delete guard allows
         */
        public void publishRunEnd(EntityDefinition entity, String runId, boolean forced, long rows, boolean confirmDeletes) {
            publishMarkers(entity, runId, forced, PipelineHeaders.RUN_END, rows, confirmDeletes);
        }

        private void publishMarkers(EntityDefinition entity, String runId, boolean forced, String control, long rows,
                                    boolean confirmDeletes) {
            String topic = topics.changes(entity.name()).name();
            for (PartitionInfo partition : changes.partitionsFor(topic)) {
                ProducerRecord<JsonNode, ChangeEvent> marker = new ProducerRecord<>(topic, partition.partition(),
                        RunEndMarker.key(partition.partition(), control),
                        RunEndMarker.value(entity.name(), entity.source(), runId, forced, rows, control));
                PipelineHeaders.set(marker.headers(), PipelineHeaders.CONTROL, control);
                PipelineHeaders.set(marker.headers(), PipelineHeaders.RUN_ID, runId);
                PipelineHeaders.set(marker.headers(), PipelineHeaders.FORCED, Boolean.toString(forced));
                if (confirmDeletes) {
                    PipelineHeaders.set(marker.headers(), PipelineHeaders.CONFIRM_DELETES, "true");
                }
                track(topic, changes.send(marker));
            }
        }

        public void publishRunEvent(RunEvent event) {
            track(topics.runEvents().name(), runs.send(topics.runEvents().name(), event.runId(), event));
        }

        private void track(String topic, CompletableFuture<?> sent) {
            sent.whenComplete((result, error) -> {
                if (error != null && failure.compareAndSet(null, error)) {
                    log.error("Publishing to {} failed: {}", topic, error.getMessage());
                }
            });
        }

        /** @throws PublishFailedException when a send of this caller has already failed (checked without waiting) */
        public void check() {
            Throwable error = failure.get();
            if (error != null) {
                throw new PublishFailedException("publishing change events failed: " + error.getMessage(), error);
            }
        }

        /**
         * Waits until every send so far is acknowledged (the producer's flush also waits for other
         * callers' sends, which costs time, never correctness).
         *
         * @throws PublishFailedException on the first failed send of this caller; the failure stays, so a
         *                                caller cannot go on past it with the same tracker
         */
        public void flush() {
            changes.flush();
            runs.flush();
            check();
        }
    }

    public static final class PublishFailedException extends RuntimeException {
        PublishFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
