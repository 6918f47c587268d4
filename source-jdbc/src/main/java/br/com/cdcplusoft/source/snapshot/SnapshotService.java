package br.com.cdcplusoft.source.snapshot;

import br.com.cdcplusoft.core.catalog.EntityCatalog;
import br.com.cdcplusoft.core.catalog.EntityDefinition;
import br.com.cdcplusoft.core.run.RunEvent;
import br.com.cdcplusoft.source.jdbc.SourceReader;
import br.com.cdcplusoft.source.jdbc.SourceRow;
import br.com.cdcplusoft.source.publish.ChangePublisher;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a whole source view as one snapshot run: keyset chunks (constant memory), each row an
 * {@code op=r} event carrying the run id and force marker, then an end marker on every partition
 * and a FINISHED fact on the runs topic. One run per entity at a time in this process.
 *
 * <p>A run tracks its own sends: the end markers are written only after Kafka acknowledged every
 * row of the run, and a run whose markers could not be written is FAILED, not FINISHED, so the
 * mapper never deletes rows because a send of this run (or of anybody else) was lost.
 */
public final class SnapshotService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SnapshotService.class);
    private static final DateTimeFormatter RUN_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

    private final EntityCatalog catalog;
    private final SourceReader reader;
    private final ChangePublisher publisher;
    private final Map<String, SnapshotRun> running = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "snapshot");
        t.setDaemon(true);
        return t;
    });

    public SnapshotService(EntityCatalog catalog, SourceReader reader, ChangePublisher publisher) {
        this.catalog = catalog;
        this.reader = reader;
        this.publisher = publisher;
    }

    /**
     * Starts a run in the background.
     *
     * @throws br.com.cdcplusoft.core.catalog.EntityCatalog.UnknownEntityException for an entity not in the catalog
     * @throws SnapshotAlreadyRunningException when the entity already has a run in progress here
     */
    public SnapshotRun start(String entity, boolean forced, String trigger) {
        return start(entity, forced, trigger, false);
    }

    /**
     * As {@link #start(String, boolean, String)}; {@code confirmDeletes} lets the run's end delete more
     * rows than the mapper's delete guard allows (the operator confirmed it).
     */
    public SnapshotRun start(String entity, boolean forced, String trigger, boolean confirmDeletes) {
        SnapshotRun run = reserve(catalog.get(entity), forced, trigger, confirmDeletes);
        CompletableFuture.runAsync(() -> execute(run, row -> { }), executor);
        return run;
    }

    /** Runs a snapshot in the calling thread and returns the number of rows published. */
    public long runNow(String entity, boolean forced, String trigger) {
        return runNow(entity, forced, trigger, row -> { });
    }

    /** As {@link #runNow(String, boolean, String)}, showing each published row to {@code observer}. */
    public long runNow(String entity, boolean forced, String trigger, Consumer<SourceRow> observer) {
        return execute(reserve(catalog.get(entity), forced, trigger, false), observer);
    }

    public Optional<SnapshotRun> running(String entity) {
        return Optional.ofNullable(running.get(entity));
    }

    private SnapshotRun reserve(EntityDefinition entity, boolean forced, String trigger, boolean confirmDeletes) {
        Instant now = Instant.now();
        String runId = entity.name() + "-" + RUN_TIME.format(now) + "-" + UUID.randomUUID().toString().substring(0, 8);
        SnapshotRun run = new SnapshotRun(runId, entity.name(), forced, trigger, now, confirmDeletes);
        SnapshotRun existing = running.putIfAbsent(entity.name(), run);
        if (existing != null) {
            throw new SnapshotAlreadyRunningException(entity.name(), existing.runId());
        }
        return run;
    }

    private long execute(SnapshotRun run, Consumer<SourceRow> observer) {
        EntityDefinition entity = catalog.get(run.entity());
        ChangePublisher.Sends sends = publisher.sends();
        long published = 0;
        try {
            log.info("Snapshot {} of {} started (trigger {}, forced {})", run.runId(), entity.name(), run.trigger(), run.forced());
            sends.publishRunEvent(new RunEvent(run.runId(), entity.name(), RunEvent.Kind.STARTED, run.forced(),
                    run.startedAt(), 0, run.trigger()));
            if (entity.deleteMissing()) {
                // where the run begins on every partition, before its first row: see RunEndMarker
                sends.publishRunStart(entity, run.runId(), run.forced());
            }
            published = reader.scan(entity, chunk -> {
                sends.check();
                for (SourceRow row : chunk) {
                    sends.publishSnapshotRow(entity, row, run.runId(), run.forced(), run.trigger());
                    observer.accept(row);
                }
                sends.publishRunEvent(RunEvent.of(run.runId(), entity.name(), RunEvent.Kind.PUBLISHED, run.forced(), chunk.size()));
            });
            // every row must be acknowledged before the end marker can claim the run is complete
            sends.flush();
            sends.publishRunEnd(entity, run.runId(), run.forced(), published, run.confirmDeletes());
            // FINISHED only once the markers themselves are written
            sends.flush();
            sends.publishRunEvent(new RunEvent(run.runId(), entity.name(), RunEvent.Kind.FINISHED, run.forced(),
                    Instant.now(), published, null));
            sends.flush();
            log.info("Snapshot {} of {} finished: {} rows published", run.runId(), entity.name(), published);
            return published;
        } catch (Exception e) {
            log.error("Snapshot {} of {} failed after {} rows: {}", run.runId(), entity.name(), published, e.getMessage());
            try {
                ChangePublisher.Sends report = publisher.sends();
                report.publishRunEvent(new RunEvent(run.runId(), entity.name(), RunEvent.Kind.FAILED, run.forced(),
                        Instant.now(), published, e.getMessage()));
                report.flush();
            } catch (RuntimeException again) {
                log.warn("Could not report the failure of run {}: {}", run.runId(), again.getMessage());
            }
            throw e instanceof RuntimeException re ? re : new IllegalStateException(e.getMessage(), e);
        } finally {
            running.remove(entity.name(), run);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
