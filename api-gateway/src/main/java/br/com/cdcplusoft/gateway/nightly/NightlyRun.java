package br.com.cdcplusoft.gateway.nightly;

import br.com.cdcplusoft.gateway.runs.RunLogWriter;
import br.com.cdcplusoft.gateway.runs.RunStatus;
import br.com.cdcplusoft.gateway.runs.RunTracker;
import br.com.cdcplusoft.gateway.sync.ResyncService;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One nightly slot: a full re-sync of each configured entity, one after the other in the
 * configured order (one keyset scan on the ERP at a time; stores and products reach the topics
 * before the sales that refer to them). The next entity starts once the previous one's extraction
 * ended, or after {@code follow-for}. Each run's dated log is named after the slot.
 */
final class NightlyRun {

    static final String TRIGGER = "nightly";
    private static final Logger log = LoggerFactory.getLogger(NightlyRun.class);

    private final List<String> entities;
    private final boolean forced;
    private final ResyncService resyncs;
    private final RunTracker tracker;
    private final RunLogWriter runLogs;
    private final Duration extractionTimeout;

    NightlyRun(List<String> entities, boolean forced, ResyncService resyncs, RunTracker tracker, RunLogWriter runLogs,
               Duration extractionTimeout) {
        this.entities = List.copyOf(entities);
        this.forced = forced;
        this.resyncs = resyncs;
        this.tracker = tracker;
        this.runLogs = runLogs;
        this.extractionTimeout = extractionTimeout;
    }

    void run(ZonedDateTime slot) {
        log.info("Nightly run of {} for {} started: {}", slot, entities.size(), entities);
        for (String entity : entities) {
            if (Thread.currentThread().isInterrupted()) {
                log.warn("Nightly run of {} interrupted before {}", slot, entity);
                return;
            }
            String runId;
            try {
                runId = resyncs.start(entity, forced, TRIGGER, slot.toInstant()).status().runId();
            } catch (ResyncService.AlreadyRunningException e) {
                runLogs.notStarted(entity, slot.toInstant(), TRIGGER, "run " + e.runId() + " of " + entity + " is already running");
                log.warn("Nightly run of {} skipped {}: run {} already running", slot, entity, e.runId());
                continue;
            } catch (RuntimeException e) {
                runLogs.notStarted(entity, slot.toInstant(), TRIGGER, e.getClass().getSimpleName() + ": " + e.getMessage());
                log.error("Nightly run of {} could not start {}: {}", slot, entity, e.toString());
                continue;
            }
            try {
                RunStatus end = tracker.extractionEnd(runId).get(extractionTimeout.toMillis(), TimeUnit.MILLISECONDS);
                log.info("Nightly run {} of {} extracted: {} ({} rows)", runId, entity, end.status(), end.counts().read());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                log.warn("Nightly run of {} interrupted while {} was extracting", slot, entity);
                return;
            } catch (TimeoutException e) {
                log.warn("Nightly run {} of {} still extracting after {}; going on with the next entity", runId, entity, extractionTimeout);
            } catch (ExecutionException e) {
                log.warn("Nightly run {} of {}: {}", runId, entity, e.getCause().toString());
            }
        }
        log.info("Nightly run of {} started every entity", slot);
    }
}
