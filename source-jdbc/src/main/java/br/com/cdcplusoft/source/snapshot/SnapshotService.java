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
        SnapshotRun run = reserve(catalog.get(entity), forced, trigger);
        CompletableFuture.runAsync(() -> execute(run, row -> { }), executor);
        return run;
    }

    /** Runs a snapshot in the calling thread and returns the number of rows published. */
    public long runNow(String entity, boolean forced, String trigger) {
        return runNow(entity, forced, trigger, row -> { });
    }

    /** As {@link #runNow(String, boolean, String)}, showing each published row to {@code observer}. */
    public long runNow(String entity, boolean forced, String trigger, Consumer<SourceRow> observer) {
        return execute(reserve(catalog.get(entity), forced, trigger), observer);
    }

    public Optional<SnapshotRun> running(String entity) {
        return Optional.ofNullable(running.get(entity));
    }

    private SnapshotRun reserve(EntityDefinition entity, boolean forced, String trigger) {
        Instant now = Instant.now();
        String runId = entity.name() + "-" + RUN_TIME.format(now) + "-" + UUID.randomUUID().toString().substring(0, 8);
        SnapshotRun run = new SnapshotRun(runId, entity.name(), forced, trigger, now);
        SnapshotRun existing = running.putIfAbsent(entity.name(), run);
        if (existing != null) {
            throw new SnapshotAlreadyRunningException(entity.name(), existing.runId());
        }
        return run;
    }

    private long execute(SnapshotRun run, Consumer<SourceRow> observer) {
        EntityDefinition entity = catalog.get(run.entity());
        long published = 0;
        try {
            log.info("Snapshot {} of {} started (trigger {}, forced {})", run.runId(), entity.name(), run.trigger(), run.forced());
            publisher.publishRunEvent(new RunEvent(run.runId(), entity.name(), RunEvent.Kind.STARTED, run.forced(),
                    run.startedAt(), 0, run.trigger()));
            published = reader.scan(entity, chunk -> {
                for (SourceRow row : chunk) {
                    publisher.publishSnapshotRow(entity, row, run.runId(), run.forced());
                    observer.accept(row);
                }
                publisher.publishRunEvent(RunEvent.of(run.runId(), entity.name(), RunEvent.Kind.PUBLISHED, run.forced(), chunk.size()));
            });
            // every row must be acknowledged before the end marker can claim the run is complete
            publisher.flush();
            publisher.publishRunEnd(entity, run.runId(), run.forced(), published);
            publisher.publishRunEvent(new RunEvent(run.runId(), entity.name(), RunEvent.Kind.FINISHED, run.forced(),
                    Instant.now(), published, null));
            publisher.flush();
            log.info("Snapshot {} of {} finished: {} rows published", run.runId(), entity.name(), published);
            return published;
        } catch (Exception e) {
            log.error("Snapshot {} of {} failed after {} rows: {}", run.runId(), entity.name(), published, e.getMessage());
            try {
                publisher.publishRunEvent(new RunEvent(run.runId(), entity.name(), RunEvent.Kind.FAILED, run.forced(),
                        Instant.now(), published, e.getMessage()));
                publisher.flush();
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
