package br.com.cdcplusoft.gateway.nightly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import br.com.cdcplusoft.core.catalog.EntityCatalog;
import br.com.cdcplusoft.core.run.RunEvent;
import br.com.cdcplusoft.source.snapshot.SnapshotRun;
import br.com.cdcplusoft.source.snapshot.SnapshotService;
import br.com.cdcplusoft.gateway.WebTestConfiguration;
import br.com.cdcplusoft.gateway.runs.RunLogWriter;
import br.com.cdcplusoft.gateway.runs.RunTracker;
import br.com.cdcplusoft.gateway.sync.ResyncService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronExpression;

/**
 * The nightly trigger with a fixed clock: it fires at the cron's slot, runs the entities one after
 * the other through the real re-sync service, tracker and run log writer, and writes each run's
 * log at the original's exact dated path.
 */
class NightlySchedulerTest {

    private static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");
    private static final EntityCatalog CATALOG = WebTestConfiguration.catalog();

    @TempDir
    Path dir;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<ZonedDateTime> claimed = new CopyOnWriteArrayList<>();
    private final Map<String, String> runIds = new ConcurrentHashMap<>();
    private ThreadPoolTaskScheduler tasks;
    private NightlyScheduler scheduler;

    @AfterEach
    void stop() {
        if (scheduler != null) {
            scheduler.stop();
        }
        if (tasks != null) {
            // a run log may still be written when the test has seen what it needed: let it finish before the
            // temporary folder is deleted
            tasks.setWaitForTasksToCompleteOnShutdown(true);
            tasks.setAwaitTerminationSeconds(10);
            tasks.shutdown();
        }
    }

    @Test
    void firesAtTheDefaultCronSlotAndWritesEachRunLogAtTheExactPath() throws Exception {
        Clock clock = Clock.fixed(ZonedDateTime.of(2024, 7, 15, 0, 59, 59, 700_000_000, SAO_PAULO).toInstant(), SAO_PAULO);
        RunTracker tracker = new RunTracker(100, Duration.ofMinutes(10), clock);
        scheduler = scheduler("0 0 1 * * *", clock, tracker, List.of("produtos", "clientes"), slot -> {
            claimed.add(slot);
            return true;
        });
        scheduler.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> runIds.containsKey("produtos"));
        ZonedDateTime slot = ZonedDateTime.of(2024, 7, 15, 1, 0, 0, 0, SAO_PAULO);
        assertThat(claimed).containsExactly(slot);
        assertThat(scheduler.nextSlot()).isEqualTo(slot.plusDays(1));
        // sequential: clientes waits until the extraction of produtos ended
        assertThat(runIds).doesNotContainKey("clientes");
        String produtos = runIds.get("produtos");
        tracker.apply(event(produtos, "produtos", RunEvent.Kind.STARTED, 0, "nightly"));
        tracker.apply(event(produtos, "produtos", RunEvent.Kind.PUBLISHED, 1000, null));
        tracker.apply(event(produtos, "produtos", RunEvent.Kind.PUBLISHED, 200, null));
        tracker.apply(event(produtos, "produtos", RunEvent.Kind.FINISHED, 1200, null));

        await().atMost(Duration.ofSeconds(10)).until(() -> runIds.containsKey("clientes"));
        String clientes = runIds.get("clientes");
        tracker.apply(event(clientes, "clientes", RunEvent.Kind.STARTED, 0, "nightly"));
        tracker.apply(event(clientes, "clientes", RunEvent.Kind.PUBLISHED, 40, null));
        tracker.apply(event(clientes, "clientes", RunEvent.Kind.FINISHED, 40, null));
        tracker.apply(event(clientes, "clientes", RunEvent.Kind.UNCHANGED, 30, null));
        tracker.apply(event(clientes, "clientes", RunEvent.Kind.DELIVERED, 9, null));
        tracker.apply(event(clientes, "clientes", RunEvent.Kind.MAPPER_DEAD_LETTERED, 1, null));

        Path clientesLog = dir.resolve("Logs/Rota_Clientes/Julho/15/15_07_2024_01h00_Rota_Clientes.log");
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(clientesLog) && read(clientesLog).contains("RESULT"));
        String text = read(clientesLog);
        assertThat(text).contains("INFO  START run " + clientes + " entity=clientes trigger=nightly forced=false")
                .contains("PROGRESS extraction read=40")
                .contains("EXTRACTED every row published: 40")
                .contains("RESULT run " + clientes + " status=COMPLETED read=40 published=40 mapped=0 unchanged=30 delivered=9"
                        + " deadLettered=1 (mapper 1, sink 0)");
        assertThat(text.lines()).allMatch(l -> l.startsWith("2024-07-15 00:59:59 "));

        Path produtosLog = dir.resolve("Logs/Rota_Produtos/Julho/15/15_07_2024_01h00_Rota_Produtos.log");
        assertThat(read(produtosLog)).contains("START run " + produtos).contains("PROGRESS extraction read=1000")
                .contains("PROGRESS extraction read=1200").contains("EXTRACTED every row published: 1200")
                .doesNotContain("RESULT");
        assertThat(meters.counter("gateway.nightly.fires", "outcome", "ran").count()).isEqualTo(1);
    }

    @Test
    void aConfiguredCronAndZoneGiveTheNextSlot() {
        Clock clock = Clock.fixed(Instant.parse("2024-03-10T03:59:00Z"), SAO_PAULO);
        scheduler = scheduler("0 30 2 * * MON-FRI", clock, new RunTracker(10, Duration.ofMinutes(1), clock), List.of("filiais"),
                slot -> true);
        scheduler.start();
        // Sunday 10 March 00:59 in São Paulo: the next weekday 02:30 is Monday 11 March
        assertThat(scheduler.nextSlot()).isEqualTo(ZonedDateTime.of(2024, 3, 11, 2, 30, 0, 0, SAO_PAULO));
        assertThat(runIds).isEmpty();
    }

    @Test
    void aSlotClaimedByAnotherReplicaOrUnclaimableIsNotRunHere() {
        Clock clock = Clock.fixed(Instant.parse("2024-07-15T03:00:00Z"), SAO_PAULO);
        RunTracker tracker = new RunTracker(10, Duration.ofMinutes(1), clock);
        ZonedDateTime slot = ZonedDateTime.of(2024, 7, 16, 1, 0, 0, 0, SAO_PAULO);

        scheduler = scheduler("0 0 1 * * *", clock, tracker, List.of("filiais"), s -> false);
        scheduler.start();
        scheduler.fire(slot);
        assertThat(meters.counter("gateway.nightly.fires", "outcome", "other_replica").count()).isEqualTo(1);
        scheduler.stop();

        scheduler = scheduler("0 0 1 * * *", clock, tracker, List.of("filiais"), s -> {
            throw new java.util.concurrent.TimeoutException("broker unreachable");
        });
        scheduler.start();
        scheduler.fire(slot);
        assertThat(meters.counter("gateway.nightly.fires", "outcome", "lock_failed").count()).isEqualTo(1);
        assertThat(runIds).isEmpty();
        assertThat(meters.counter("gateway.nightly.fires", "outcome", "ran").count()).isZero();
    }

    @Test
    void anEntityAlreadyRunningIsLoggedAsNotStartedAndTheOthersRun() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2024-01-05T03:59:59.900Z"), SAO_PAULO);
        RunTracker tracker = new RunTracker(10, Duration.ofMinutes(10), clock);
        tracker.apply(new RunEvent("filiais-old", "filiais", RunEvent.Kind.STARTED, false, clock.instant(), 0, "poll"));
        scheduler = scheduler("0 0 1 * * *", clock, tracker, List.of("filiais", "produtos"), s -> true);
        scheduler.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> runIds.containsKey("produtos"));
        Path filiaisLog = dir.resolve("Logs/Rota_Filiais/Janeiro/05/05_01_2024_01h00_Rota_Filiais.log");
        assertThat(read(filiaisLog)).contains("ERROR run of filiais (trigger nightly) not started: run filiais-old of filiais is already running");
        assertThat(runIds).doesNotContainKey("filiais");
    }

    @Test
    void unknownConfiguredEntitiesStopStartUpNamingThem() {
        assertThatThrownBy(() -> NightlyConfiguration.entities(List.of("produtos", "fornecedores"), CATALOG))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gateway.nightly.entities: unknown entity 'fornecedores'; known entities: filiais, produtos, clientes, vendas");
        assertThat(NightlyConfiguration.entities(List.of(), CATALOG)).containsExactly("filiais", "produtos", "clientes", "vendas");
        assertThat(NightlyConfiguration.entities(List.of("vendas", "filiais"), CATALOG)).containsExactly("vendas", "filiais");
    }

    private NightlyScheduler scheduler(String cron, Clock clock, RunTracker tracker, List<String> entities, NightlyLock lock) {
        tasks = new ThreadPoolTaskScheduler();
        tasks.setPoolSize(2);
        tasks.setClock(clock);
        tasks.initialize();
        SnapshotService snapshots = mock(SnapshotService.class);
        when(snapshots.start(anyString(), anyBoolean(), anyString())).thenAnswer(inv -> {
            String entity = inv.getArgument(0);
            String runId = entity + "-nightly-" + runIds.size();
            runIds.put(entity, runId);
            return new SnapshotRun(runId, entity, inv.getArgument(1), inv.getArgument(2), clock.instant());
        });
        RunLogWriter logs = new RunLogWriter(dir.resolve("Logs"), SAO_PAULO, clock, Duration.ofHours(6), Duration.ofSeconds(30),
                tracker, tasks);
        ResyncService resyncs = new ResyncService(CATALOG, snapshots, tracker, logs, meters);
        NightlyRun run = new NightlyRun(entities, false, resyncs, tracker, logs, Duration.ofHours(6));
        return new NightlyScheduler(CronExpression.parse(cron), SAO_PAULO, clock, tasks, lock, run::run, meters);
    }

    private static RunEvent event(String runId, String entity, RunEvent.Kind kind, long count, String detail) {
        return new RunEvent(runId, entity, kind, false, Instant.parse("2024-07-15T04:00:00Z"), count, detail);
    }

    private static String read(Path file) throws Exception {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
