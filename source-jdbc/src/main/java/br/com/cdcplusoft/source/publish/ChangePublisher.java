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
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Publishes source rows as change envelopes on {@code consinco.<entidade>} and run facts on the
 * runs topic. Sends are asynchronous; {@link #flush()} waits for every send and rethrows the
 * first failure, so callers store a cursor or declare a run finished only once Kafka acknowledged
 * what came before it.
 */
public final class ChangePublisher {

    private static final Logger log = LoggerFactory.getLogger(ChangePublisher.class);

    private final KafkaTemplate<JsonNode, ChangeEvent> changes;
    private final KafkaTemplate<String, RunEvent> runs;
    private final TopicCatalog topics;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    public ChangePublisher(KafkaTemplate<JsonNode, ChangeEvent> changes, KafkaTemplate<String, RunEvent> runs, TopicCatalog topics) {
        this.changes = changes;
        this.runs = runs;
        this.topics = topics;
    }

    /** A polled row (not part of a run): op {@code u}, snapshot {@code false}. */
    public void publishChange(EntityDefinition entity, SourceRow row) {
        send(entity, row, Op.UPDATE, "false", null, false);
    }

    /** A snapshot row: op {@code r}, with the run id and force marker in the source block and headers. */
    public void publishSnapshotRow(EntityDefinition entity, SourceRow row, String runId, boolean forced) {
        send(entity, row, Op.READ, "true", runId, forced);
    }

    private void send(EntityDefinition entity, SourceRow row, Op op, String snapshot, String runId, boolean forced) {
        long now = System.currentTimeMillis();
        Source source = new Source("1", Source.JDBC_CONNECTOR, "consinco", now, snapshot, null, null, entity.source(),
                entity.name(), row.cursor() == null ? null : row.cursor().toString(), runId, runId == null ? null : forced);
        ProducerRecord<JsonNode, ChangeEvent> record = new ProducerRecord<>(topics.changes(entity.name()).name(), row.key(),
                new ChangeEvent(null, row.row(), op, now, source));
        if (runId != null) {
            PipelineHeaders.set(record.headers(), PipelineHeaders.RUN_ID, runId);
            PipelineHeaders.set(record.headers(), PipelineHeaders.FORCED, Boolean.toString(forced));
        }
        changes.send(record).whenComplete((result, error) -> {
            if (error != null && failure.compareAndSet(null, error)) {
                log.error("Publishing to {} failed: {}", record.topic(), error.getMessage());
            }
        });
    }

    /** Closes a snapshot run: one end marker on every partition of the entity's change topic. */
    public void publishRunEnd(EntityDefinition entity, String runId, boolean forced, long rows) {
        String topic = topics.changes(entity.name()).name();
        for (PartitionInfo partition : changes.partitionsFor(topic)) {
            ProducerRecord<JsonNode, ChangeEvent> marker = new ProducerRecord<>(topic, partition.partition(),
                    RunEndMarker.key(partition.partition()), RunEndMarker.value(entity.name(), entity.source(), runId, forced, rows));
            PipelineHeaders.set(marker.headers(), PipelineHeaders.CONTROL, PipelineHeaders.RUN_END);
            PipelineHeaders.set(marker.headers(), PipelineHeaders.RUN_ID, runId);
            PipelineHeaders.set(marker.headers(), PipelineHeaders.FORCED, Boolean.toString(forced));
            changes.send(marker);
        }
    }

    public void publishRunEvent(RunEvent event) {
        runs.send(topics.runEvents().name(), event.runId(), event);
    }

    /** Waits until every send so far is acknowledged. @throws PublishFailedException on the first failed send */
    public void flush() {
        changes.flush();
        runs.flush();
        Throwable error = failure.getAndSet(null);
        if (error != null) {
            throw new PublishFailedException("publishing change events failed: " + error.getMessage(), error);
        }
    }

    public static final class PublishFailedException extends RuntimeException {
        PublishFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
