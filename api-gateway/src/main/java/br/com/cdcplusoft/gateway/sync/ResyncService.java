package br.com.cdcplusoft.gateway.sync;

import br.com.cdcplusoft.core.catalog.EntityCatalog;
import br.com.cdcplusoft.source.snapshot.SnapshotAlreadyRunningException;
import br.com.cdcplusoft.source.snapshot.SnapshotRun;
import br.com.cdcplusoft.source.snapshot.SnapshotService;
import br.com.cdcplusoft.gateway.runs.RunLogWriter;
import br.com.cdcplusoft.gateway.runs.RunStatus;
import br.com.cdcplusoft.gateway.runs.RunTracker;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a full re-sync of an entity with the extractor's snapshot code (keyset chunks, constant
 * memory, each row carrying the run id and force marker), registers it with the
 * {@link RunTracker} and writes its dated run log. One run per entity at a time: a run already
 * extracting in this process, or reported by any process on the runs topic within
 * {@code gateway.runs.stale-after}, is answered with {@link AlreadyRunningException}.
 */
public final class ResyncService {

    private static final Logger log = LoggerFactory.getLogger(ResyncService.class);

    private final EntityCatalog catalog;
    private final SnapshotService snapshots;
    private final RunTracker tracker;
    private final RunLogWriter runLogs;
    private final MeterRegistry meters;
    private final DebeziumResync debezium;

    public ResyncService(EntityCatalog catalog, SnapshotService snapshots, RunTracker tracker, RunLogWriter runLogs,
                         MeterRegistry meters) {
        this(catalog, snapshots, tracker, runLogs, meters, null);
    }

    /**
     * @param debezium null in JDBC mode; in Debezium mode ({@code gateway.mode=debezium}) a re-sync asks the
     *                 connector for an incremental snapshot instead of reading the view
     */
    public ResyncService(EntityCatalog catalog, SnapshotService snapshots, RunTracker tracker, RunLogWriter runLogs,
                         MeterRegistry meters, DebeziumResync debezium) {
        this.catalog = catalog;
        this.snapshots = snapshots;
        this.tracker = tracker;
        this.runLogs = runLogs;
        this.meters = meters;
        this.debezium = debezium;
    }

    /**
     * @param trigger {@code manual} or {@code nightly}
     * @param logTime time in the run log's file name, or null for the run's start
     * @throws EntityCatalog.UnknownEntityException for an entity not in the catalog
     * @throws AlreadyRunningException when the entity already has a run extracting
     */
    public Started start(String entity, boolean forced, String trigger, Instant logTime) {
        return start(entity, forced, false, trigger, logTime);
    }

    /**
     * As {@link #start(String, boolean, String, Instant)}; {@code confirmDeletes} lets the run's end delete
     * more rows than the mapper's delete guard allows (the operator looked at a refused run and confirms).
     */
    public Started start(String entity, boolean forced, boolean confirmDeletes, String trigger, Instant logTime) {
        catalog.get(entity);
        if (debezium != null) {
            return startIncrementalSnapshot(entity, forced, trigger, logTime);
        }
        Optional<String> running = snapshots.running(entity).map(SnapshotRun::runId)
                .or(() -> tracker.extracting(entity).map(RunStatus::runId));
        if (running.isPresent()) {
            throw new AlreadyRunningException(entity, running.get());
        }
        SnapshotRun run;
        try {
            run = confirmDeletes ? snapshots.start(entity, forced, trigger, true) : snapshots.start(entity, forced, trigger);
        } catch (SnapshotAlreadyRunningException e) {
            throw new AlreadyRunningException(entity, e.runningRunId());
        }
        RunStatus status = tracker.register(run.runId(), entity, forced, trigger, run.startedAt());
        Path file = runLogs.follow(run.runId(), entity, logTime == null ? run.startedAt() : logTime);
        meters.counter("gateway.resync.started", "entity", entity, "trigger", trigger, "forced", Boolean.toString(forced)).increment();
        log.info("Re-sync {} of {} started (trigger {}, forced {}, deletes confirmed {}), log {}", run.runId(), entity, trigger,
                forced, confirmDeletes, file);
        return new Started(status, file);
    }

    /** One check-then-request at a time in this process; other replicas are seen through the runs topic. */
    private synchronized Started startIncrementalSnapshot(String entity, boolean forced, String trigger, Instant logTime) {
        Optional<String> running = tracker.extracting(entity).map(RunStatus::runId);
        if (running.isPresent()) {
            throw new AlreadyRunningException(entity, running.get());
        }
        DebeziumResync.Requested run = debezium.request(entity, forced, trigger);
        RunStatus status = tracker.register(run.runId(), entity, forced, trigger, run.startedAt());
        Path file = runLogs.follow(run.runId(), entity, logTime == null ? run.startedAt() : logTime);
        meters.counter("gateway.resync.started", "entity", entity, "trigger", trigger, "forced", Boolean.toString(forced)).increment();
        log.info("Re-sync {} of {} requested from the Debezium connector (trigger {}, forced {}), log {}", run.runId(), entity,
                trigger, forced, file);
        return new Started(status, file);
    }

    /** A run that started: its first status and its log file. */
    public record Started(RunStatus status, Path logFile) {
    }

    /** The entity already has a run extracting; its id is given. */
    public static final class AlreadyRunningException extends RuntimeException {
        private final String entity;
        private final String runId;

        public AlreadyRunningException(String entity, String runId) {
            super("a re-sync of '" + entity + "' is already running: run " + runId);
            this.entity = entity;
            this.runId = runId;
        }

        public String entity() {
            return entity;
        }

        public String runId() {
            return runId;
        }
    }
}
