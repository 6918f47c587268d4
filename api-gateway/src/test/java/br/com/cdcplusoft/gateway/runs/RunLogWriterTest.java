package br.com.cdcplusoft.gateway.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import br.com.cdcplusoft.core.run.RunEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

class RunLogWriterTest {

    private static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");

    @TempDir
    Path dir;

    private final ThreadPoolTaskScheduler tasks = new ThreadPoolTaskScheduler();

    @AfterEach
    void stop() {
        tasks.shutdown();
    }

    @Test
    void pathsFollowTheOriginalsDatedLayoutWithPortugueseMonths() {
        Path base = Path.of("Logs");
        assertThat(RunLogPaths.of(base, "clientes", ZonedDateTime.of(2024, 7, 15, 1, 0, 0, 0, SAO_PAULO)))
                .isEqualTo(Path.of("Logs/Rota_Clientes/Julho/15/15_07_2024_01h00_Rota_Clientes.log"));
        assertThat(RunLogPaths.of(base, "vendas", ZonedDateTime.of(2025, 3, 5, 23, 7, 0, 0, SAO_PAULO)))
                .isEqualTo(Path.of("Logs/Rota_Vendas/Março/05/05_03_2025_23h07_Rota_Vendas.log"));
        String[] months = {"Janeiro", "Fevereiro", "Março", "Abril", "Maio", "Junho", "Julho", "Agosto", "Setembro", "Outubro",
            "Novembro", "Dezembro"};
        for (int m = 1; m <= 12; m++) {
            assertThat(RunLogPaths.of(base, "filiais", ZonedDateTime.of(2024, m, 1, 1, 0, 0, 0, SAO_PAULO)).getParent().getParent())
                    .isEqualTo(Path.of("Logs/Rota_Filiais/" + months[m - 1]));
        }
    }

    @Test
    void aFailedRunLogsItsErrorsAndAFailedSummary() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2024-07-15T13:30:00Z"), SAO_PAULO);
        RunTracker tracker = new RunTracker(10, Duration.ofMinutes(10), clock);
        RunLogWriter writer = writer(clock, tracker, Duration.ofHours(1));
        tracker.register("p-1", "produtos", true, "manual", clock.instant());
        Path file = writer.follow("p-1", "produtos", clock.instant());
        assertThat(file).isEqualTo(dir.resolve("Rota_Produtos/Julho/15/15_07_2024_10h30_Rota_Produtos.log"));
        tracker.apply(new RunEvent("p-1", "produtos", RunEvent.Kind.PUBLISHED, true, clock.instant(), 1000, null));
        tracker.apply(new RunEvent("p-1", "produtos", RunEvent.Kind.FAILED, true, clock.instant(), 1000, "reading VW_PLUSOFT_PRODUTO failed"));
        tracker.apply(new RunEvent("p-1", "produtos", RunEvent.Kind.DELIVERED, true, clock.instant(), 10, null));
        String text = Files.readString(file);
        assertThat(text.lines()).containsExactly(
                "2024-07-15 10:30:00 INFO  START run p-1 entity=produtos trigger=manual forced=true",
                "2024-07-15 10:30:00 INFO  PROGRESS extraction read=1000",
                "2024-07-15 10:30:00 ERROR OTHER: reading VW_PLUSOFT_PRODUTO failed",
                "2024-07-15 10:30:00 ERROR RESULT run p-1 status=FAILED read=1000 published=1000 mapped=0 unchanged=0 delivered=0"
                        + " deadLettered=0 (mapper 0, sink 0) duration=PT0S");
    }

    @Test
    void aRunThatNeverCompletesGetsItsSummaryAfterFollowFor() throws Exception {
        Clock clock = Clock.system(SAO_PAULO);
        RunTracker tracker = new RunTracker(10, Duration.ofMinutes(10), clock);
        RunLogWriter writer = writer(clock, tracker, Duration.ofMillis(300));
        tracker.register("c-1", "clientes", false, "nightly", clock.instant());
        Path file = writer.follow("c-1", "clientes", clock.instant());
        tracker.apply(new RunEvent("c-1", "clientes", RunEvent.Kind.FINISHED, false, clock.instant(), 20, null));
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.readString(file).contains("RESULT"));
        assertThat(Files.readString(file)).contains("RESULT run c-1 status=PUBLISHED").contains("(stopped following after PT0.3S)");
    }

    @Test
    void anEntityNotStartedGetsAnErrorLine() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2024-12-01T04:00:00Z"), SAO_PAULO);
        RunLogWriter writer = writer(clock, new RunTracker(10, Duration.ofMinutes(10), clock), Duration.ofHours(1));
        Path file = writer.notStarted("vendas", clock.instant(), "nightly", "run v-1 of vendas is already running");
        assertThat(file).isEqualTo(dir.resolve("Rota_Vendas/Dezembro/01/01_12_2024_01h00_Rota_Vendas.log"));
        assertThat(Files.readString(file))
                .isEqualTo("2024-12-01 01:00:00 ERROR run of vendas (trigger nightly) not started: run v-1 of vendas is already running\n");
    }

    private RunLogWriter writer(Clock clock, RunTracker tracker, Duration followFor) {
        tasks.setClock(clock);
        tasks.initialize();
        return new RunLogWriter(dir, SAO_PAULO, clock, followFor, Duration.ofSeconds(30), tracker, tasks);
    }
}
