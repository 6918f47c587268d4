package br.com.cdcplusoft.gateway.runs;

import br.com.cdcplusoft.core.run.RunEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aggregates the runs topic into one {@link RunStatus} per run. Every stage reports facts about a
 * run as deltas keyed by run id (extractor: STARTED, PUBLISHED, FINISHED, FAILED; mapper: MAPPED,
 * UNCHANGED, MAPPER_DEAD_LETTERED; sink: DELIVERED, SINK_DEAD_LETTERED), in any order across
 * stages. A run is COMPLETED once the extractor FINISHED and unchanged + dead-lettered + delivered
 * reach the rows it published.
 *
 * <p>Each gateway instance reads the whole topic (its own consumer group, from the beginning), so
 * any replica can answer for a run another one started, also after a restart. At most
 * {@code keep} runs are held; the oldest are forgotten first. Thread-safe.
 */
public final class RunTracker {

    private static final Logger log = LoggerFactory.getLogger(RunTracker.class);
    private static final int MAX_ERRORS = 20;

    private final int keep;
    private final Duration staleAfter;
    private final Clock clock;
    private final Map<String, Aggregate> runs = new LinkedHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    public RunTracker(int keep, Duration staleAfter, Clock clock) {
        this.keep = keep;
        this.staleAfter = staleAfter;
        this.clock = clock;
    }

    /** Makes a run this process just started visible before its first event comes back from Kafka. */
    public RunStatus register(String runId, String entity, boolean forced, String trigger, Instant startedAt) {
        RunStatus status;
        synchronized (this) {
            Aggregate run = runs.computeIfAbsent(runId, id -> new Aggregate(id, startedAt));
            run.entity = entity;
            run.forced = forced;
            run.trigger = run.trigger == null ? trigger : run.trigger;
            run.lastEventAt = run.lastEventAt == null ? startedAt : run.lastEventAt;
            evict();
            status = run.view();
        }
        notify(status);
        return status;
    }

    /** Applies one fact from the runs topic. */
    public void apply(RunEvent event) {
        if (event == null || event.runId() == null || event.kind() == null) {
            return;
        }
        RunStatus status;
        synchronized (this) {
            Aggregate run = runs.computeIfAbsent(event.runId(), id -> new Aggregate(id, null));
            run.apply(event);
            evict();
            status = run.view();
        }
        notify(status);
    }

    public synchronized Optional<RunStatus> find(String runId) {
        Aggregate run = runs.get(runId);
        return run == null ? Optional.empty() : Optional.of(run.view());
    }

    /** The most recent runs first, at most {@code limit}, optionally of one entity. */
    public synchronized List<RunStatus> recent(int limit, String entity) {
        return runs.values().stream()
                .filter(r -> entity == null || entity.equals(r.entity))
                .sorted(Comparator.comparing(Aggregate::sortTime).reversed())
                .limit(limit)
                .map(Aggregate::view)
                .toList();
    }

    /**
     * The run of {@code entity} still extracting according to the runs topic (started here or by
     * another process) that reported something within {@code stale-after}.
     */
    public synchronized Optional<RunStatus> extracting(String entity) {
        Instant fresh = clock.instant().minus(staleAfter);
        return runs.values().stream()
                .filter(r -> entity.equals(r.entity) && r.state() == RunStatus.State.RUNNING)
                .filter(r -> r.lastEventAt != null && r.lastEventAt.isAfter(fresh))
                .max(Comparator.comparing(Aggregate::sortTime))
                .map(Aggregate::view);
    }

    /**
     * Follows one run: {@code listener} sees its status now and after every change, until the
     * returned handle is closed.
     */
    public AutoCloseable follow(String runId, Consumer<RunStatus> listener) {
        Listener l = new Listener(runId, listener);
        listeners.add(l);
        find(runId).ifPresent(s -> l.accept(s));
        return () -> listeners.remove(l);
    }

    /** Completes once the run left RUNNING (extraction finished or failed); the caller bounds the wait. */
    public CompletableFuture<RunStatus> extractionEnd(String runId) {
        CompletableFuture<RunStatus> done = new CompletableFuture<>();
        AutoCloseable handle = follow(runId, s -> {
            if (s.status() != RunStatus.State.RUNNING) {
                done.complete(s);
            }
        });
        return done.whenComplete((s, e) -> close(handle));
    }

    private void notify(RunStatus status) {
        for (Listener l : listeners) {
            if (l.runId.equals(status.runId())) {
                l.accept(status);
            }
        }
    }

    private void evict() {
        while (runs.size() > keep) {
            String oldest = runs.keySet().iterator().next();
            runs.remove(oldest);
        }
    }

    private static void close(AutoCloseable handle) {
        try {
            handle.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private record Listener(String runId, Consumer<RunStatus> delegate) {
        void accept(RunStatus status) {
            try {
                delegate.accept(status);
            } catch (RuntimeException e) {
                log.warn("A follower of run {} failed: {}", runId, e.toString());
            }
        }
    }

    /** The mutable sum of one run's events; guarded by the tracker's lock. */
    private static final class Aggregate {
        final String runId;
        String entity;
        boolean forced;
        String trigger;
        Instant startedAt;
        Instant extractedAt;
        Instant endedAt;
        Instant failedAt;
        Instant lastEventAt;
        long read;
        Long published;
        long mapped;
        long unchanged;
        long delivered;
        long mapperDeadLettered;
        long sinkDeadLettered;
        long missedByPolling;
        long deletesRefused;
        final List<RunStatus.Error> errors = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();

        Aggregate(String runId, Instant startedAt) {
            this.runId = runId;
            this.startedAt = startedAt;
        }

        void apply(RunEvent e) {
            if (entity == null) {
                entity = e.entity();
            }
            forced |= e.forced();
            Instant at = e.at();
            lastEventAt = lastEventAt == null || at.isAfter(lastEventAt) ? at : lastEventAt;
            switch (e.kind()) {
                case STARTED -> {
                    startedAt = at;
                    if (e.detail() != null && !e.detail().isBlank()) {
                        trigger = e.detail();
                    }
                }
                case PUBLISHED -> read += e.count();
                case FINISHED -> {
                    published = e.count();
                    extractedAt = at;
                }
                case FAILED -> {
                    failedAt = at;
                    if (errors.size() < MAX_ERRORS) {
                        // the detail is another process's exception message: only its class and a masked excerpt are kept
                        errors.add(RunStatus.Error.of(e.detail()));
                    }
                }
                case MAPPED -> mapped += e.count();
                case UNCHANGED -> unchanged += e.count();
                case MAPPER_DEAD_LETTERED -> mapperDeadLettered += e.count();
                case DELIVERED -> delivered += e.count();
                case SINK_DEAD_LETTERED -> sinkDeadLettered += e.count();
                case POLLING_MISSED -> missedByPolling += e.count();
                case DELETES_REFUSED -> {
                    deletesRefused += e.count();
                    if (warnings.size() < MAX_ERRORS && e.detail() != null) {
                        warnings.add(e.detail());
                    }
                }
                default -> { }
            }
            if (endedAt == null && state().terminal()) {
                endedAt = failedAt != null ? failedAt : at;
            }
        }

        RunStatus.State state() {
            if (failedAt != null) {
                return RunStatus.State.FAILED;
            }
            if (published == null) {
                return RunStatus.State.RUNNING;
            }
            return accounted() >= published ? RunStatus.State.COMPLETED : RunStatus.State.PUBLISHED;
        }

        long accounted() {
            return unchanged + mapperDeadLettered + delivered + sinkDeadLettered;
        }

        Instant sortTime() {
            return startedAt != null ? startedAt : lastEventAt != null ? lastEventAt : Instant.EPOCH;
        }

        RunStatus view() {
            RunStatus.Counts counts = new RunStatus.Counts(read, published, mapped, unchanged, delivered,
                    mapperDeadLettered, sinkDeadLettered, mapperDeadLettered + sinkDeadLettered, missedByPolling, deletesRefused);
            return new RunStatus(runId, entity, forced, trigger, state(), counts, startedAt, extractedAt, endedAt,
                    lastEventAt, List.copyOf(errors), List.copyOf(warnings));
        }
    }
}
