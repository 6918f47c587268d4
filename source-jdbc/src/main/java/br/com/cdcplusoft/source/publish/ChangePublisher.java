package br.com.cdcplusoft.source.publish;

import br.com.cdcplusoft.core.catalog.EntityDefinition;
import br.com.cdcplusoft.core.catalog.TopicCatalog;
import br.com.cdcplusoft.core.envelope.Op;
import br.com.cdcplusoft.core.envelope.PipelineHeaders;
import br.com.cdcplusoft.core.envelope.RunEndMarker;
import br.com.cdcplusoft.core.json.Json;
import br.com.cdcplusoft.core.run.RunEvent;
import br.com.cdcplusoft.source.jdbc.SourceRow;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;

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

    private final KafkaTemplate<byte[], byte[]> changes;
    private final KafkaTemplate<String, RunEvent> runs;
    private final TopicCatalog topics;

    /**
     * @param changes sends bytes as they are: rows and markers are serialised here (a row's envelope from its JSON
     *                bytes, see {@link EnvelopeWriter}), with the pipeline's JSON settings
     */
    public ChangePublisher(KafkaTemplate<byte[], byte[]> changes, KafkaTemplate<String, RunEvent> runs, TopicCatalog topics) {
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
        /** What every row of this caller's current entity and run shares; rebuilt when they change. */
        private Shape shape;

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
            if (shape == null || !shape.fits(entity, op, runId, forced, trigger)) {
                shape = new Shape(entity, op, snapshot, runId, forced, trigger);
            }
            long now = System.currentTimeMillis();
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(shape.topic, null, row.keyJson(),
                    shape.envelopes.write(row.json(), now, row.cursor()), shape.headers);
            track(shape.topic, changes.send(record));
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
                ProducerRecord<byte[], byte[]> marker = new ProducerRecord<>(topic, partition.partition(),
                        json(RunEndMarker.key(partition.partition(), control)),
                        json(RunEndMarker.value(entity.name(), entity.source(), runId, forced, rows, control)));
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

    /**
     * The topic, headers and envelope writer every row of one entity and run shares, built once: not per row.
     * Kafka copies the header list into each record and never writes to a header's value, so the headers are shared.
     */
    private final class Shape {
        private final EntityDefinition entity;
        private final Op op;
        private final String runId;
        private final boolean forced;
        private final String trigger;
        private final String topic;
        private final List<Header> headers;
        private final EnvelopeWriter envelopes;

        Shape(EntityDefinition entity, Op op, String snapshot, String runId, boolean forced, String trigger) {
            this.entity = entity;
            this.op = op;
            this.runId = runId;
            this.forced = forced;
            this.trigger = trigger;
            this.topic = topics.changes(entity.name()).name();
            RecordHeaders headers = new RecordHeaders();
            if (runId != null) {
                PipelineHeaders.set(headers, PipelineHeaders.RUN_ID, runId);
                PipelineHeaders.set(headers, PipelineHeaders.FORCED, Boolean.toString(forced));
                PipelineHeaders.set(headers, PipelineHeaders.TRIGGER, trigger);
            }
            this.headers = List.of(headers.toArray());
            this.envelopes = new EnvelopeWriter(op, snapshot, entity.source(), entity.name(), runId, forced);
        }

        boolean fits(EntityDefinition entity, Op op, String runId, boolean forced, String trigger) {
            return this.entity.equals(entity) && this.op == op && Objects.equals(this.runId, runId) && this.forced == forced
                    && Objects.equals(this.trigger, trigger);
        }
    }

    private static byte[] json(Object value) {
        return Json.mapper().writeValueAsBytes(value);
    }

    public static final class PublishFailedException extends RuntimeException {
        PublishFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
