package br.com.cdcplusoft.gateway.console;

import br.com.cdcplusoft.core.catalog.EntityCatalog;
import br.com.cdcplusoft.core.catalog.EntityDefinition;
import br.com.cdcplusoft.core.catalog.TopicCatalog;
import br.com.cdcplusoft.core.json.Json;
import br.com.cdcplusoft.core.status.SinkStatus;
import br.com.cdcplusoft.gateway.config.GatewayProperties;
import br.com.cdcplusoft.gateway.dlq.DeadLetterQueues;
import br.com.cdcplusoft.gateway.runs.RunStatus;
import br.com.cdcplusoft.gateway.runs.RunTracker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.JsonNode;

/**
 * Gathers what the console shows from where each service leaves it, never from another service's
 * beans (in production they are other processes): the mapper's and the sink's lag from their
 * consumer groups (AdminClient), the extractor's cursors and the sinks' status from their compacted
 * topics, dead letters from their topics, the source rows from a COUNT on each view, runs from the
 * run tracker. The Kafka side is gathered every {@code gateway.console.refresh} on a thread of its
 * own, so a request for the state never waits for the broker or the ERP.
 */
final class ConsoleService implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ConsoleService.class);
    private static final int RECENT_RUNS = 12;
    private static final String POLL = "poll";
    private static final int LATEST_DEAD_LETTERS = 5;
    private static final Duration RATE_WINDOW = Duration.ofSeconds(60);
    private static final Duration LAG_STEP = Duration.ofSeconds(30);
    private static final Duration DEAD_LETTERS_EVERY = Duration.ofSeconds(10);

    private final ConsoleProperties settings;
    private final EntityCatalog catalog;
    private final TopicCatalog topics;
    private final GatewayProperties.Nightly nightly;
    private final RunTracker runs;
    private final DeadLetterQueues deadLetters;
    private final ConsumerLag lag;
    private final SourceCounts counts;
    private final LatestByKey<SinkStatus> sinkStatus;
    private final LatestByKey<JsonNode> cursors;
    private final ConsoleHistory history;
    private final Clock clock;

    private volatile Gathered gathered = new Gathered(null, Map.of(), Map.of(), null, List.of());
    private volatile List<String> countWarnings = List.of();
    private volatile Instant deadLettersAt = Instant.EPOCH;
    private volatile ScheduledExecutorService executor;

    ConsoleService(ConsoleProperties settings, EntityCatalog catalog, TopicCatalog topics, GatewayProperties.Nightly nightly, RunTracker runs,
                   DeadLetterQueues deadLetters, ConsumerLag lag, SourceCounts counts, LatestByKey<SinkStatus> sinkStatus,
                   LatestByKey<JsonNode> cursors, Clock clock) {
        this.settings = settings;
        this.catalog = catalog;
        this.topics = topics;
        this.nightly = nightly;
        this.runs = runs;
        this.deadLetters = deadLetters;
        this.lag = lag;
        this.counts = counts;
        this.sinkStatus = sinkStatus;
        this.cursors = cursors;
        this.history = new ConsoleHistory(settings.samples());
        this.clock = clock;
    }

    /** What one refresh read from Kafka: lag and consumed positions per entity, and the dead letters. */
    private record Gathered(Instant at, Map<String, ConsumerLag.Position> mapper, Map<String, ConsumerLag.Position> sink,
                            List<ConsoleState.DeadLetters> deadLetters, List<String> warnings) {
    }

    /** One refresh of the Kafka side; called by the console's own thread (and by tests). */
    void gather() {
        Instant now = clock.instant();
        List<String> warnings = new ArrayList<>();
        Map<String, ConsumerLag.Position> mapper = byEntity(settings.mapperGroup(), true, warnings);
        Map<String, ConsumerLag.Position> sink = byEntity(settings.sinkGroup(), false, warnings);
        List<ConsoleState.DeadLetters> dlq = gathered.deadLetters();
        if (dlq == null || !now.isBefore(deadLettersAt.plus(DEAD_LETTERS_EVERY))) {
            try {
                dlq = deadLetters(Json.mapper().valueToTree(deadLetters.list(LATEST_DEAD_LETTERS)));
                deadLettersAt = now;
            } catch (RuntimeException e) {
                log.warn("Console: reading the dead-letter topics failed: {}", e.getClass().getSimpleName());
                warnings.add("filas de mensagens mortas ilegíveis agora (" + e.getClass().getSimpleName() + ")");
            }
        }
        Map<String, SinkStatus.Entity> delivered = deliveredByEntity(sinkStatus.snapshot());
        Map<String, ConsoleHistory.Point> points = new LinkedHashMap<>();
        for (String entity : catalog.names()) {
            ConsumerLag.Position m = mapper.get(entity);
            ConsumerLag.Position s = sink.get(entity);
            SinkStatus.Entity d = delivered.get(entity);
            points.put(entity, new ConsoleHistory.Point(d == null ? null : d.delivered(), m == null ? null : m.lag(),
                    s == null ? null : s.lag(), m == null ? null : m.consumed(), s == null ? null : s.consumed()));
        }
        history.add(new ConsoleHistory.Sample(now, points));
        gathered = new Gathered(now, mapper, sink, dlq, List.copyOf(warnings));
    }

    void countSources() {
        countWarnings = List.copyOf(counts.refresh());
    }

    private Map<String, ConsumerLag.Position> byEntity(String group, boolean changes, List<String> warnings) {
        Map<String, String> entityByTopic = new LinkedHashMap<>();
        for (String entity : catalog.names()) {
            entityByTopic.put(changes ? topics.changes(entity).name() : topics.payloads(entity).name(), entity);
        }
        try {
            Map<String, ConsumerLag.Position> result = new HashMap<>();
            lag.of(group, entityByTopic.keySet()).forEach((topic, position) -> result.put(entityByTopic.get(topic), position));
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            log.warn("Console: reading the lag of group {} failed: {}", group, cause.getClass().getSimpleName());
            warnings.add("atraso do grupo " + group + " ilegível agora (" + cause.getClass().getSimpleName() + ")");
            return Map.of();
        }
    }

    /** The state as {@code GET /painel/estado} answers it: the last refresh plus the runs as they are now. */
    ConsoleState state() {
        Instant now = clock.instant();
        Gathered g = gathered;
        ZoneId erpZone = nightly.zoneId();
        Map<String, SourceCounts.Count> rows = counts.latest();
        Map<String, SinkStatus> statuses = sinkStatus.snapshot();
        Map<String, SinkStatus.Entity> delivered = deliveredByEntity(statuses);
        Map<String, JsonNode> stored = cursors.snapshot();
        List<ConsoleState.Entity> entities = new ArrayList<>();
        for (EntityDefinition entity : catalog.all()) {
            String name = entity.name();
            SourceCounts.Count count = rows.get(name);
            SinkStatus.Entity d = delivered.getOrDefault(name, new SinkStatus.Entity(0, 0, null));
            entities.add(new ConsoleState.Entity(name, count == null ? null : count.rows(), count == null ? null : count.at(),
                    d.delivered(), d.deadLettered(), d.lastDeliveryAt(), extractor(entity, stored.get(name), count, now, erpZone),
                    stage(settings.mapperGroup(), g.mapper().get(name), name, true, now),
                    stage(settings.sinkGroup(), g.sink().get(name), name, false, now)));
        }
        List<String> warnings = new ArrayList<>(g.warnings());
        warnings.addAll(countWarnings);
        if (g.at() == null) {
            warnings.add("o estado do Kafka ainda não foi lido");
        }
        List<String> names = catalog.names();
        return new ConsoleState(g.at(), erpZone.getId(), settings.refresh().toSeconds(), plusoft(statuses, now), entities,
                new ConsoleState.Runs(nextNightly(now), runs(rows, now)), g.deadLetters() == null ? List.of() : g.deadLetters(),
                new ConsoleState.History(history.perMinute(names, now, 60), history.lag(names, LAG_STEP)), warnings);
    }

    private ConsoleState.Extractor extractor(EntityDefinition entity, JsonNode stored, SourceCounts.Count count, Instant now, ZoneId zone) {
        if (!entity.hasCursor()) {
            return new ConsoleState.Extractor(null, null, null, null, true);
        }
        if (stored == null || !stored.hasNonNull("cursor")) {
            return new ConsoleState.Extractor(null, null, null, null, false);
        }
        LocalDateTime cursor;
        Instant savedAt;
        try {
            cursor = LocalDateTime.parse(stored.get("cursor").asString());
            savedAt = stored.hasNonNull("savedAt") ? Instant.parse(stored.get("savedAt").asString()) : null;
        } catch (RuntimeException e) {
            return new ConsoleState.Extractor(null, null, null, null, false);
        }
        SourceCounts.ErpClock erp = counts.erpClock();
        LocalDateTime erpNow = erp != null ? erp.at(now) : LocalDateTime.ofInstant(now, zone);
        long age = Math.max(0, Duration.between(cursor, erpNow).toSeconds());
        Long behind = count == null || count.maxCursor() == null ? null
                : Math.max(0, Duration.between(cursor, count.maxCursor()).toSeconds());
        return new ConsoleState.Extractor(cursor, savedAt, age, behind, false);
    }

    private ConsoleState.Stage stage(String group, ConsumerLag.Position position, String entity, boolean mapper, Instant now) {
        if (position == null) {
            return new ConsoleState.Stage(group, null, null, null);
        }
        Double rate = history.rate(entity, mapper, now, RATE_WINDOW);
        Long estimate = position.lag() == 0 ? Long.valueOf(0)
                : rate == null || rate <= 0 ? null : Long.valueOf((long) Math.ceil(position.lag() / rate));
        return new ConsoleState.Stage(group, position.lag(), rate == null ? null : Math.round(rate * 10) / 10.0, estimate);
    }

    private ConsoleState.Plusoft plusoft(Map<String, SinkStatus> statuses, Instant now) {
        String worst = null;
        int live = 0;
        Instant newest = null;
        for (SinkStatus s : statuses.values()) {
            if (s.at() == null) {
                continue;
            }
            newest = newest == null || s.at().isAfter(newest) ? s.at() : newest;
            Duration fresh = Duration.ofSeconds(Math.max(15, 3 * s.every()));
            if (s.at().isBefore(now.minus(fresh))) {
                continue;
            }
            live++;
            worst = worse(worst, s.circuit());
        }
        return new ConsoleState.Plusoft(worst == null ? "DESCONHECIDO" : worst, live, newest);
    }

    private static String worse(String a, String b) {
        return rank(b) > rank(a) ? b : a;
    }

    private static int rank(String state) {
        if (state == null) {
            return -1;
        }
        return switch (state) {
            case "OPEN", "FORCED_OPEN" -> 3;
            case "HALF_OPEN" -> 2;
            case "CLOSED" -> 1;
            default -> 0;
        };
    }

    /** Delivered and dead-lettered per entity summed over every sink process on the topic; the newest delivery. */
    private static Map<String, SinkStatus.Entity> deliveredByEntity(Map<String, SinkStatus> statuses) {
        Map<String, SinkStatus.Entity> sum = new HashMap<>();
        for (SinkStatus s : statuses.values()) {
            s.entities().forEach((entity, e) -> sum.merge(entity, e, (a, b) -> new SinkStatus.Entity(a.delivered() + b.delivered(),
                    a.deadLettered() + b.deadLettered(), newest(a.lastDeliveryAt(), b.lastDeliveryAt()))));
        }
        return sum;
    }

    private static Instant newest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    private Instant nextNightly(Instant now) {
        if (!nightly.enabled()) {
            return null;
        }
        ZonedDateTime next = nightly.cronExpression().next(now.atZone(nightly.zoneId()));
        return next == null ? null : next.toInstant();
    }

    private List<ConsoleState.Run> runs(Map<String, SourceCounts.Count> rows, Instant now) {
        List<ConsoleState.Run> result = new ArrayList<>();
        // entities without a change column re-read their view every poll as a run of its own: not a re-sync
        for (RunStatus run : runs.recent(RECENT_RUNS * 20, null).stream().filter(r -> !POLL.equals(r.trigger())).limit(RECENT_RUNS).toList()) {
            SourceCounts.Count count = run.entity() == null ? null : rows.get(run.entity());
            result.add(progress(run, count == null ? null : count.rows(), now));
        }
        return result;
    }

    static ConsoleState.Run progress(RunStatus run, Long viewRows, Instant now) {
        RunStatus.Counts c = run.counts();
        long total = c.published() != null ? c.published() : Math.max(c.read(), viewRows == null ? 0 : viewRows);
        long mapped = c.mapped() + c.unchanged() + c.mapperDeadLettered();
        long accounted = c.unchanged() + c.mapperDeadLettered() + c.delivered() + c.sinkDeadLettered();
        Map<String, Integer> progress = new LinkedHashMap<>();
        progress.put("lidos", percent(c.read(), total, c.published() != null));
        progress.put("publicados", c.published() != null ? 100 : Math.min(99, percent(c.read(), total, false)));
        progress.put("mapeados", percent(mapped, total, run.status() == RunStatus.State.COMPLETED));
        progress.put("entregues", percent(accounted, total, run.status() == RunStatus.State.COMPLETED));
        Instant start = run.startedAt();
        Instant end = run.endedAt() != null ? run.endedAt() : run.status().terminal() ? run.lastEventAt() : now;
        long duration = start == null || end == null ? 0 : Math.max(0, Duration.between(start, end).toSeconds());
        return new ConsoleState.Run(run, duration, total, progress);
    }

    private static int percent(long done, long total, boolean complete) {
        if (total <= 0) {
            return complete ? 100 : 0;
        }
        return (int) Math.min(100, done * 100 / total);
    }

    private static List<ConsoleState.DeadLetters> deadLetters(JsonNode overview) {
        List<ConsoleState.DeadLetters> result = new ArrayList<>();
        for (JsonNode e : overview.path("entidades")) {
            result.add(new ConsoleState.DeadLetters(e.path("entidade").asString(), queue(e.path("mapper")), queue(e.path("sink"))));
        }
        return result;
    }

    private static ConsoleState.Queue queue(JsonNode q) {
        List<JsonNode> latest = new ArrayList<>();
        for (JsonNode item : q.path("ultimos")) {
            // what the page needs; keys are already masked by the dead-letter reader, payloads never listed
            var shown = Json.mapper().createObjectNode();
            for (String field : List.of("em", "motivo", "campo", "status", "chave", "reprocessado")) {
                if (item.hasNonNull(field)) {
                    shown.set(field, item.get(field));
                }
            }
            latest.add(shown);
        }
        return new ConsoleState.Queue(q.path("topico").asString(), q.path("total").asLong(), q.path("pendentes").asLong(), latest);
    }

    @Override
    public synchronized void start() {
        executor = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "painel-refresh");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(() -> safely(this::gather), 0, settings.refresh().toMillis(), TimeUnit.MILLISECONDS);
        executor.scheduleWithFixedDelay(() -> safely(this::countSources), 0, settings.countEvery().toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void safely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.warn("Console refresh failed: {}", e.getClass().getSimpleName());
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
