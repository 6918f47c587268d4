package br.com.cdcplusoft.mapper.topology;

import br.com.cdcplusoft.core.catalog.EntityDefinition;
import br.com.cdcplusoft.core.envelope.ChangeEvent;
import br.com.cdcplusoft.core.envelope.Op;
import br.com.cdcplusoft.core.envelope.PipelineHeaders;
import br.com.cdcplusoft.core.envelope.RunEndMarker;
import br.com.cdcplusoft.core.json.Json;
import br.com.cdcplusoft.core.run.RunEvent;
import br.com.cdcplusoft.mapping.FieldError;
import br.com.cdcplusoft.mapping.MappingSpecs;
import br.com.cdcplusoft.mapping.PreviewResult;
import io.micrometer.core.instrument.Metrics;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Maps one entity's change events to Plusoft payloads. Each input record yields at most one of: a
 * payload, a tombstone, a dead letter, or nothing (an unchanged payload, a control record); a
 * run-end marker may yield tombstones for rows its run did not see. Nothing it reads can stop the
 * stream: unreadable and unmappable records become dead letters.
 *
 * <p>Guards against losing and wrongly deleting rows: a payload the sink dead-lettered since it was
 * emitted is not "unchanged" (global store {@code <entidade>-rejected}); a run's end deletes only rows
 * behind the run's start on the partition (its start marker), and nothing at all when that would be
 * more than {@code maxDeleteShare} of the rows known there, unless the operator confirmed it.
 *
 * <p>Reads raw bytes and parses them itself, rather than through a deserialization exception
 * handler, because Kafka Streams 4.1's handlers can only continue or fail: a dead letter written
 * here goes out in the same exactly-once transaction as the input offset it replaces.
 */
final class ChangeMapper implements Processor<byte[], byte[], Object, Object> {

    private static final Logger log = LoggerFactory.getLogger(ChangeMapper.class);
    /** Run starts kept per partition; a run that never ends (it failed) is forgotten after this many more. */
    private static final int MAX_OPEN_RUNS = 16;

    private final EntityDefinition entity;
    private final MappingSpecs specs;
    private final MapperTopology.Nodes nodes;
    private final Duration reportInterval;
    private final double maxDeleteShare;
    private final Duration liveCommitInterval;
    /** Per open run: rows it found changed that polling had not sent, for the WARN at its end (not state: a log only). */
    private final Map<String, Long> missedByRun = new HashMap<>();

    private ProcessorContext<Object, Object> context;
    private KeyValueStore<String, RowState> rows;
    private KeyValueStore<String, Long> runStarts;
    private KeyValueStore<String, RunCounts> counts;
    private KeyValueStore<String, Long> rejected;
    private MessageDigest sha256;
    /** Run ids whose start is in {@code runStarts}, so that a run's rows do not each read the store. */
    private final Set<String> knownRunStarts = new HashSet<>();
    /** The run counts this processor last wrote to {@code counts}, so that counting a row does not read the store. */
    private final Map<String, RunCounts> writtenCounts = new HashMap<>();
    /** Whether a change outside any snapshot run was processed since the last commit this processor asked for. */
    private boolean liveSinceCommit;

    /**
     * @param liveCommitInterval how soon a change outside a snapshot run is committed (so the sink, which reads
     *                           committed records only, sees it): the stream's own commit interval may be longer,
     *                           so that a re-sync's rows commit in fewer, larger transactions
     */
    ChangeMapper(EntityDefinition entity, MappingSpecs specs, MapperTopology.Nodes nodes, Duration reportInterval,
                 double maxDeleteShare, Duration liveCommitInterval) {
        this.entity = entity;
        this.specs = specs;
        this.nodes = nodes;
        this.reportInterval = reportInterval;
        this.maxDeleteShare = maxDeleteShare;
        this.liveCommitInterval = liveCommitInterval;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.rows = context.getStateStore(nodes.rowsStore());
        this.runStarts = context.getStateStore(nodes.runStartsStore());
        this.counts = context.getStateStore(nodes.runCountsStore());
        this.rejected = context.getStateStore(nodes.rejectedStore());
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
        knownRunStarts.clear();
        writtenCounts.clear();
        liveSinceCommit = false;
        context.schedule(reportInterval, PunctuationType.WALL_CLOCK_TIME, this::reportRuns);
        context.schedule(liveCommitInterval, PunctuationType.WALL_CLOCK_TIME, now -> {
            if (liveSinceCommit) {
                liveSinceCommit = false;
                context.commit();
            }
        });
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        JsonNode key;
        boolean keyUnreadable = false;
        try {
            key = EnvelopeReader.unwrap(read(record.key()));
        } catch (JacksonException e) {
            key = null;
            keyUnreadable = true;
        }
        ChangeEvent event;
        try {
            event = EnvelopeReader.read(record.value());
        } catch (JacksonException e) {
            deadLetter(record, source, List.of(), "value is not a readable change event: " + e.getOriginalMessage(),
                    Run.of(record.headers(), null));
            return;
        }
        if (isControl(key, record.headers(), event)) {
            onControl(record, source, event);
            return;
        }
        Run run = Run.of(record.headers(), event);
        ObjectNode row = event == null ? null : event.row();
        String sourceKey = SourceKeys.canonical(entity.keyColumns(), key);
        if (sourceKey == null) {
            sourceKey = SourceKeys.canonical(entity.keyColumns(), row);
        }
        if (sourceKey == null) {
            deadLetter(record, source, List.of(), keyUnreadable ? "key is not readable JSON and the event has no row to take "
                    + entity.keyColumns() + " from" : "has no source key: neither the key nor the row holds " + entity.keyColumns(), run);
            return;
        }
        if (run.id() != null && entity.deleteMissing()) {
            noteRunStart(run.id(), source.offset());
        }
        if (run.id() == null) {
            liveSinceCommit = true;
        }
        if (event == null || event.op() == Op.DELETE) {
            onDelete(record, source, sourceKey, event == null ? null : event.before(), run);
        } else if (event.op() == Op.TRUNCATE) {
            log.warn("Entity {}: truncate event at {}-{}@{} ignored: deletes reach Plusoft row by row", entity.name(),
                    source.topic(), source.partition(), source.offset());
        } else if (event.op() == null || event.after() == null) {
            deadLetter(record, source, List.of(), "op " + (event.op() == null ? "(none)" : event.op().code())
                    + " event has no 'after' row", run);
        } else {
            onUpsert(record, source, sourceKey, event.after(), run);
        }
    }

    private void onUpsert(Record<byte[], byte[]> record, RecordMetadata source, String sourceKey, ObjectNode row, Run run) {
        RowState previous = rows.get(sourceKey);
        PreviewResult result = specs.map(entity.name(), row);
        if (!result.ok()) {
            if (previous != null) {
                // the row still exists at the source: a later snapshot must not delete it
                rows.put(sourceKey, previous.seen(run.id(), source.offset()));
            }
            deadLetter(record, source, result.errors(), null, run);
            return;
        }
        byte[] key = Json.mapper().writeValueAsBytes(result.key());
        byte[] payload = Json.mapper().writeValueAsBytes(result.payload());
        byte[] hash = sha256.digest(payload);
        boolean same = previous != null && previous.emitted(key, hash);
        Long rejectedAt = same ? rejectedSince(key, previous.emittedAt()) : null;
        if (same && !run.forced() && rejectedAt == null) {
            rows.put(sourceKey, previous.seen(run.id(), source.offset()));
            count(run, RunEvent.Kind.UNCHANGED);
            return;
        }
        if (previous != null && !previous.sameKey(key)) {
            // the Plusoft identity changed (e.g. a corrected CPF): retract the record under the old one
            forward(nodes.payloadSink(), previous.plusoftKey(), null, outputHeaders(record.headers(), run), record.timestamp());
        }
        forward(nodes.payloadSink(), key, payload, outputHeaders(record.headers(), run), record.timestamp());
        // sent again for a dead letter: that one is answered (a later dead letter has a later timestamp)
        long emittedAt = rejectedAt == null ? record.timestamp() : Math.max(record.timestamp(), rejectedAt + 1);
        rows.put(sourceKey, new RowState(key, hash, run.id() != null ? run.id()
                : previous == null ? null : previous.lastRunId(), source.offset(), emittedAt));
        count(run, RunEvent.Kind.MAPPED);
        if (!same && run.plainResync() && entity.hasCursor()) {
            // polling should have sent this version before the run read it: a late commit, or a change during the run
            count(run, RunEvent.Kind.POLLING_MISSED);
            missedByRun.merge(run.id(), 1L, Long::sum);
            Metrics.counter("mapper.polling.missed.rows", "entity", entity.name()).increment();
        }
    }

    /**
     * When the sink dead-lettered this Plusoft key, if it did at or after the payload was emitted (Plusoft
     * does not hold it); else null.
     */
    private Long rejectedSince(byte[] plusoftKey, long emittedAt) {
        Long at = rejected.get(new String(plusoftKey, StandardCharsets.UTF_8));
        return at != null && at >= emittedAt ? at : null;
    }

    private void onDelete(Record<byte[], byte[]> record, RecordMetadata source, String sourceKey, ObjectNode before, Run run) {
        RowState previous = rows.get(sourceKey);
        byte[] plusoftKey = previous != null ? previous.plusoftKey()
                : specs.keyOf(entity.name(), before).map(Json.mapper()::writeValueAsBytes).orElse(null);
        if (plusoftKey == null) {
            // never emitted (or already deleted: Debezium follows a delete with a tombstone)
            return;
        }
        rows.delete(sourceKey);
        forward(nodes.payloadSink(), plusoftKey, null, outputHeaders(record.headers(), run), record.timestamp());
        count(run, RunEvent.Kind.MAPPED);
    }

    private static boolean isControl(JsonNode key, Headers headers, ChangeEvent event) {
        return RunEndMarker.isMarkerKey(key) || PipelineHeaders.isRunEnd(headers) || event != null && event.op() == Op.MESSAGE;
    }

    /**
     * A run-end marker: on this partition, the rows the run did not see are gone from the source.
     * A row counts as seen when the run carried it, or when any change event for it arrived after
     * the run's start marker here (or, for a run without one, its first row here): it was written
     * while the run went on. A run start marker only notes where the run began on the partition.
     */
    private void onControl(Record<byte[], byte[]> record, RecordMetadata source, ChangeEvent event) {
        boolean runStart = PipelineHeaders.isRunStart(record.headers())
                || event != null && event.source() != null && "first".equals(event.source().snapshot());
        if (runStart) {
            Run run = Run.of(record.headers(), event);
            if (run.id() != null && entity.deleteMissing()) {
                noteRunStart(run.id(), source.offset());
            }
            return;
        }
        boolean runEnd = PipelineHeaders.isRunEnd(record.headers())
                || event != null && event.source() != null && "last".equals(event.source().snapshot());
        if (!runEnd) {
            return;
        }
        Run run = Run.of(record.headers(), event);
        if (run.id() != null) {
            warnMissedByPolling(run, source.partition());
        }
        if (!entity.deleteMissing()) {
            return;
        }
        if (run.id() == null) {
            log.warn("Entity {}: run-end marker at {}-{}@{} has no run id: nothing deleted", entity.name(),
                    source.topic(), source.partition(), source.offset());
            return;
        }
        if (event != null && event.source() != null && "0".equals(event.source().cursor())) {
            // an empty snapshot is far likelier a broken view or filter than an emptied table
            log.warn("Entity {}: run {} read no rows at all: deleting missing rows skipped", entity.name(), run.id());
            forgetRunStart(run.id());
            return;
        }
        Long started = runStarts.get(run.id());
        long bound = started != null ? started : source.offset();
        List<KeyValue<String, RowState>> missing = new ArrayList<>();
        long known = 0;
        try (KeyValueIterator<String, RowState> all = rows.all()) {
            while (all.hasNext()) {
                KeyValue<String, RowState> kv = all.next();
                known++;
                if (!run.id().equals(kv.value.lastRunId()) && kv.value.lastOffset() < bound) {
                    missing.add(kv);
                }
            }
        }
        boolean confirmed = "true".equals(PipelineHeaders.get(record.headers(), PipelineHeaders.CONFIRM_DELETES));
        if (!missing.isEmpty() && !confirmed && missing.size() > maxDeleteShare * known) {
            // a broken job or a wrong view far likelier than a real mass delete: keep everything, say so, let the operator decide
            String reason = String.format(Locale.ROOT, "would delete %d of the %d rows known on partition %d (%.1f%%), more than"
                    + " the delete guard allows (%.1f%%): nothing deleted; confirm with POST /%s/sincronizar?confirmarExclusoes=true",
                    missing.size(), known, source.partition(), 100.0 * missing.size() / known, 100 * maxDeleteShare, entity.name());
            log.warn("Entity {}: run {} {}", entity.name(), run.id(), reason);
            RunEvent refused = new RunEvent(run.id(), entity.name(), RunEvent.Kind.DELETES_REFUSED, run.forced(),
                    Instant.ofEpochMilli(record.timestamp()), missing.size(), reason);
            context.forward(new Record<Object, Object>(run.id(), refused, record.timestamp(), new RecordHeaders()), nodes.runsSink());
            forgetRunStart(run.id());
            return;
        }
        Headers headers = new RecordHeaders();
        PipelineHeaders.set(headers, PipelineHeaders.RUN_ID, run.id());
        PipelineHeaders.set(headers, PipelineHeaders.FORCED, Boolean.toString(run.forced()));
        for (KeyValue<String, RowState> kv : missing) {
            rows.delete(kv.key);
            forward(nodes.payloadSink(), kv.value.plusoftKey(), null, new RecordHeaders(headers.toArray()), record.timestamp());
            count(run, RunEvent.Kind.MAPPED);
        }
        forgetRunStart(run.id());
        log.info("Entity {}: run {} ended on partition {}: {} rows it did not see deleted", entity.name(), run.id(),
                source.partition(), missing.size());
    }

    private void warnMissedByPolling(Run run, int partition) {
        Long missed = missedByRun.remove(run.id());
        if (missed != null && missed > 0) {
            log.warn("Entity {}: run {} found {} rows on partition {} changed that polling had not sent (late commits"
                    + " behind the look-back, or changed while the run read them)", entity.name(), run.id(), missed, partition);
        }
        if (missedByRun.size() > MAX_OPEN_RUNS) {
            missedByRun.clear();
        }
    }

    private void noteRunStart(String runId, long offset) {
        if (knownRunStarts.contains(runId)) {
            return;
        }
        if (runStarts.get(runId) == null) {
            runStarts.put(runId, offset);
        }
        knownRunStarts.add(runId);
        List<KeyValue<String, Long>> open = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = runStarts.all()) {
            all.forEachRemaining(open::add);
        }
        if (open.size() > MAX_OPEN_RUNS) {
            open.sort((a, b) -> Long.compare(a.value, b.value));
            open.subList(0, open.size() - MAX_OPEN_RUNS).forEach(kv -> forgetRunStart(kv.key));
        }
    }

    private void forgetRunStart(String runId) {
        runStarts.delete(runId);
        knownRunStarts.remove(runId);
    }

    private void deadLetter(Record<byte[], byte[]> record, RecordMetadata source, List<FieldError> errors, String reason, Run run) {
        ObjectNode value = DeadLetter.of(entity.name(), errors, reason, source, record.key(), record.value());
        JsonNode key = DeadLetter.readable(record.key());
        forward(nodes.deadLetterSink(), key, value, outputHeaders(record.headers(), run), record.timestamp());
        if (errors.isEmpty()) {
            log.warn("Entity {}: unreadable record at {}-{}@{} sent to the dead-letter topic", entity.name(),
                    source.topic(), source.partition(), source.offset());
        } else {
            // reasons never quote values, so they are safe to log
            log.warn("Entity {}: record at {}-{}@{} not mapped ({} field errors, first: {}) and sent to the dead-letter topic",
                    entity.name(), source.topic(), source.partition(), source.offset(), errors.size(), errors.get(0));
        }
        if (run != null) {
            count(run, RunEvent.Kind.MAPPER_DEAD_LETTERED);
        }
    }

    private void count(Run run, RunEvent.Kind kind) {
        if (run.id() == null) {
            return;
        }
        RunCounts current = writtenCounts.get(run.id());
        if (current == null) {
            current = counts.get(run.id());
        }
        RunCounts next = (current == null ? RunCounts.none(run.forced()) : current).plus(kind);
        counts.put(run.id(), next);
        writtenCounts.put(run.id(), next);
    }

    /** Sends the counts gathered since the last report as deltas, one RunEvent per run and kind. */
    private void reportRuns(long now) {
        List<KeyValue<String, RunCounts>> pending = new ArrayList<>();
        try (KeyValueIterator<String, RunCounts> all = counts.all()) {
            all.forEachRemaining(pending::add);
        }
        for (KeyValue<String, RunCounts> kv : pending) {
            for (RunEvent.Kind kind : List.of(RunEvent.Kind.MAPPED, RunEvent.Kind.UNCHANGED, RunEvent.Kind.MAPPER_DEAD_LETTERED,
                    RunEvent.Kind.POLLING_MISSED)) {
                long n = kv.value.count(kind);
                if (n > 0) {
                    RunEvent fact = new RunEvent(kv.key, entity.name(), kind, kv.value.forced(), Instant.ofEpochMilli(now), n, null);
                    context.forward(new Record<Object, Object>(kv.key, fact, now, new RecordHeaders()), nodes.runsSink());
                }
            }
            counts.delete(kv.key);
            writtenCounts.remove(kv.key);
        }
    }

    private void forward(String child, Object key, Object value, Headers headers, long timestamp) {
        context.forward(new Record<Object, Object>(key, value, timestamp, headers), child);
    }

    /** The input's headers, without control ones, with the run id and force marker the event's source block carried. */
    private static Headers outputHeaders(Headers input, Run run) {
        Headers headers = new RecordHeaders(input.toArray());
        headers.remove(PipelineHeaders.CONTROL);
        if (run != null && run.id() != null && PipelineHeaders.get(headers, PipelineHeaders.RUN_ID) == null) {
            PipelineHeaders.set(headers, PipelineHeaders.RUN_ID, run.id());
        }
        if (run != null && run.forced() && !PipelineHeaders.isForced(headers)) {
            PipelineHeaders.set(headers, PipelineHeaders.FORCED, "true");
        }
        return headers;
    }

    private static JsonNode read(byte[] bytes) {
        return bytes == null || bytes.length == 0 ? null : Json.mapper().readTree(bytes);
    }


    /**
     * The snapshot run a record belongs to: headers first, else the envelope's source block. A row of a
     * Debezium incremental snapshot ({@code source.snapshot = "incremental"}) is a re-sync, so forced,
     * though Debezium gives it no run id and no force marker.
     */
    record Run(String id, boolean forced, String trigger) {

        /** A manual or nightly run that is not forced: what it finds changed, polling should have sent. */
        boolean plainResync() {
            return id != null && !forced && ("manual".equals(trigger) || "nightly".equals(trigger));
        }

        static Run of(Headers headers, ChangeEvent event) {
            String id = PipelineHeaders.get(headers, PipelineHeaders.RUN_ID);
            if (id == null && event != null && event.source() != null) {
                id = event.source().runId();
            }
            boolean forced = PipelineHeaders.isForced(headers) || event != null && event.source() != null
                    && (event.source().forcedRun() || "incremental".equals(event.source().snapshot()));
            return new Run(id, forced, PipelineHeaders.get(headers, PipelineHeaders.TRIGGER));
        }
    }
}
