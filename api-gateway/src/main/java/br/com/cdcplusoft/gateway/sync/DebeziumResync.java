package br.com.cdcplusoft.gateway.sync;

import br.com.cdcplusoft.core.run.RunEvent;
import br.com.cdcplusoft.core.signal.SnapshotNotification;
import br.com.cdcplusoft.core.signal.SnapshotSignals;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A re-sync in Debezium mode: instead of reading the view, ask the connector for an incremental
 * snapshot of the entity's tables ({@code execute-snapshot} on its Kafka signal channel, the run id as
 * the signal's id), and turn the connector's notifications about that snapshot into the run's facts on
 * the runs topic, which every gateway replica's {@code RunTracker} reads:
 * <ul>
 *   <li>the request: {@code STARTED} (trigger as detail);</li>
 *   <li>{@code TABLE_SCAN_COMPLETED}: {@code PUBLISHED} with the table's rows scanned, or {@code FAILED}
 *       when the scan did not succeed (status as detail);</li>
 *   <li>{@code COMPLETED}: {@code FINISHED} with the rows of every table scanned (the run's published
 *       rows, which the mapper's and the sink's counts of the run must reach for COMPLETED);
 *       {@code ABORTED}: {@code FAILED}.</li>
 * </ul>
 * The mapper tags the view rows a snapshot re-emits with the run id (from the same notifications), so
 * its MAPPED/UNCHANGED and the sink's DELIVERED facts count for the run as in JDBC mode.
 * Notifications of snapshots this pipeline did not request (another id) are ignored.
 */
public final class DebeziumResync {

    private static final Logger log = LoggerFactory.getLogger(DebeziumResync.class);
    private static final DateTimeFormatter RUN_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

    private final DebeziumResyncProperties settings;
    private final SnapshotSignals signals;
    private final Producer<String, String> producer;
    private final String runsTopic;
    private final Function<RunEvent, String> runEventJson;
    private final Clock clock;
    private final Map<String, Long> scanned = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param producer     writes the signal and the run facts (the caller owns it)
     * @param runEventJson a run fact as the runs topic's value serde writes it
     */
    public DebeziumResync(DebeziumResyncProperties settings, Producer<String, String> producer, String runsTopic,
                          Function<RunEvent, String> runEventJson, Clock clock) {
        this.settings = settings;
        this.producer = producer;
        this.runsTopic = runsTopic;
        this.runEventJson = runEventJson;
        this.clock = clock;
        this.signals = new SnapshotSignals(producer, settings.signalTopic(), settings.topicPrefix(), settings.signalTimeout());
    }

    /** A run that asked for its snapshot: its id and start. */
    public record Requested(String runId, Instant startedAt, String signal) {
    }

    /**
     * Publishes the run's start, then the signal; the run is known to every replica before the
     * connector can notify about it.
     *
     * @throws SnapshotSignals.SignalException when Kafka did not take the signal (the run is then FAILED)
     */
    public Requested request(String entity, boolean forced, String trigger) {
        Instant now = clock.instant();
        String runId = entity + "-" + RUN_TIME.format(now) + "-" + UUID.randomUUID().toString().substring(0, 8);
        publish(new RunEvent(runId, entity, RunEvent.Kind.STARTED, forced, now, 0, trigger));
        try {
            String at = signals.executeIncrementalSnapshot(runId, settings.dataCollections(entity), Map.of());
            log.info("Re-sync {} of {}: execute-snapshot of {} sent ({})", runId, entity, settings.dataCollections(entity), at);
            return new Requested(runId, now, at);
        } catch (SnapshotSignals.SignalException e) {
            publish(new RunEvent(runId, entity, RunEvent.Kind.FAILED, forced, clock.instant(), 0, e.getMessage()));
            throw e;
        }
    }

    /** Applies one notification of the connector (a record value of the notification topic). */
    public void onNotification(byte[] value, Function<String, String> entityOfRun) {
        SnapshotNotification n = SnapshotNotification.parse(value).orElse(null);
        if (n == null || n.type() == null) {
            return;
        }
        String entity = entityOfRun.apply(n.id());
        if (entity == null) {
            log.debug("Incremental snapshot notification {} for {} is not about a run of this pipeline", n.type(), n.id());
            return;
        }
        Instant at = clock.instant();
        switch (n.type()) {
            case "TABLE_SCAN_COMPLETED" -> {
                if (n.scanSucceeded()) {
                    scanned.merge(n.id(), n.rowsScanned(), Long::sum);
                    publish(new RunEvent(n.id(), entity, RunEvent.Kind.PUBLISHED, false, at, n.rowsScanned(), null));
                } else {
                    publish(new RunEvent(n.id(), entity, RunEvent.Kind.FAILED, false, at, 0,
                            "the incremental snapshot of " + n.scannedTable() + " ended with status " + n.status()));
                }
            }
            case "COMPLETED" -> {
                Long rows = scanned.remove(n.id());
                publish(new RunEvent(n.id(), entity, RunEvent.Kind.FINISHED, false, at, rows == null ? 0 : rows, null));
            }
            case "ABORTED" -> publish(new RunEvent(n.id(), entity, RunEvent.Kind.FAILED, false, at, 0,
                    "the incremental snapshot was aborted"));
            default -> log.debug("Re-sync {}: incremental snapshot {}", n.id(), n.type());
        }
    }

    private void publish(RunEvent event) {
        try {
            producer.send(new ProducerRecord<>(runsTopic, event.runId(), runEventJson.apply(event)))
                    .get(settings.signalTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing the run fact " + event.kind() + " of " + event.runId(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot publish the run fact " + event.kind() + " of " + event.runId()
                    + " to " + runsTopic + ": " + e.getMessage(), e);
        }
    }
}
