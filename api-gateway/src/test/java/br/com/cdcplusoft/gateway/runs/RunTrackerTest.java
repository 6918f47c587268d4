package br.com.cdcplusoft.gateway.runs;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.cdcplusoft.core.run.RunEvent;
import br.com.cdcplusoft.core.run.RunEvent.Kind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class RunTrackerTest {

    private static final Instant T0 = Instant.parse("2024-07-15T04:00:00Z");
    private final Clock clock = Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC);
    private final RunTracker tracker = new RunTracker(3, Duration.ofMinutes(10), clock);

    @Test
    void sumsDeltasPerRunAndCompletesWhenEveryPublishedRowIsAccountedFor() {
        apply("r1", Kind.STARTED, 0, 0, "manual");
        apply("r1", Kind.PUBLISHED, 1, 1000, null);
        apply("r1", Kind.PUBLISHED, 2, 1000, null);
        assertThat(status("r1").status()).isEqualTo(RunStatus.State.RUNNING);
        apply("r1", Kind.PUBLISHED, 3, 500, null);
        apply("r1", Kind.FINISHED, 4, 2500, null);
        apply("r1", Kind.MAPPED, 5, 2000, null);
        apply("r1", Kind.UNCHANGED, 5, 490, null);
        apply("r1", Kind.MAPPER_DEAD_LETTERED, 5, 10, null);
        apply("r1", Kind.DELIVERED, 6, 1999, null);
        RunStatus waiting = status("r1");
        assertThat(waiting.status()).isEqualTo(RunStatus.State.PUBLISHED);
        assertThat(waiting.endedAt()).isNull();
        assertThat(waiting.extractedAt()).isEqualTo(T0.plusSeconds(4));
        apply("r1", Kind.SINK_DEAD_LETTERED, 7, 1, null);
        RunStatus done = status("r1");
        assertThat(done.status()).isEqualTo(RunStatus.State.COMPLETED);
        assertThat(done.counts()).isEqualTo(new RunStatus.Counts(2500, 2500L, 2000, 490, 1999, 10, 1, 11));
        assertThat(done.startedAt()).isEqualTo(T0);
        assertThat(done.endedAt()).isEqualTo(T0.plusSeconds(7));
        assertThat(done.trigger()).isEqualTo("manual");
        assertThat(done.entity()).isEqualTo("produtos");
    }

    @Test
    void rowsPollingMissedAndDeletesTheGuardRefusedAreCountedAndTheRefusalIsAWarning() {
        apply("r1", Kind.STARTED, 0, 0, "nightly");
        apply("r1", Kind.PUBLISHED, 1, 100, null);
        apply("r1", Kind.FINISHED, 2, 100, null);
        apply("r1", Kind.UNCHANGED, 3, 97, null);
        apply("r1", Kind.MAPPED, 3, 3, null);
        apply("r1", Kind.POLLING_MISSED, 3, 3, null);
        apply("r1", Kind.DELETES_REFUSED, 3, 40, "would delete 40 of the 140 rows known on partition 0 (28.6%), more than the"
                + " delete guard allows (10.0%): nothing deleted; confirm with POST /produtos/sincronizar?confirmarExclusoes=true");
        apply("r1", Kind.DELIVERED, 4, 3, null);

        RunStatus done = status("r1");
        assertThat(done.status()).isEqualTo(RunStatus.State.COMPLETED);
        assertThat(done.counts().missedByPolling()).isEqualTo(3);
        assertThat(done.counts().deletesRefused()).isEqualTo(40);
        assertThat(done.warnings()).containsExactly("would delete 40 of the 140 rows known on partition 0 (28.6%), more than the"
                + " delete guard allows (10.0%): nothing deleted; confirm with POST /produtos/sincronizar?confirmarExclusoes=true");
        assertThat(done.errors()).isEmpty();
    }

    @Test
    void downstreamFactsMayArriveBeforeTheExtractorFinishes() {
        apply("r1", Kind.DELIVERED, 2, 10, null);
        apply("r1", Kind.STARTED, 0, 0, "nightly");
        apply("r1", Kind.PUBLISHED, 1, 10, null);
        assertThat(status("r1").status()).isEqualTo(RunStatus.State.RUNNING);
        apply("r1", Kind.FINISHED, 3, 10, null);
        assertThat(status("r1").status()).isEqualTo(RunStatus.State.COMPLETED);
        assertThat(status("r1").startedAt()).isEqualTo(T0);
    }

    @Test
    void anEmptySnapshotCompletesAtOnceAndAFailureKeepsItsReason() {
        apply("empty", Kind.STARTED, 0, 0, "manual");
        apply("empty", Kind.FINISHED, 1, 0, null);
        assertThat(status("empty").status()).isEqualTo(RunStatus.State.COMPLETED);

        apply("bad", Kind.STARTED, 0, 0, "manual");
        apply("bad", Kind.PUBLISHED, 1, 1000, null);
        apply("bad", Kind.FAILED, 2, 1000, "entity 'produtos': reading VW_PLUSOFT_PRODUTO failed: timeout");
        RunStatus failed = status("bad");
        assertThat(failed.status()).isEqualTo(RunStatus.State.FAILED);
        assertThat(failed.endedAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(failed.errors()).containsExactly(new RunStatus.Error("TIMEOUT", "entity '***': reading VW_PLUSOFT_PRODUTO failed: timeout"));
    }

    @Test
    void keepsTheMostRecentRunsListsThemNewestFirstAndForgetsTheOldest() {
        for (int i = 1; i <= 4; i++) {
            apply("r" + i, Kind.STARTED, i, 0, "manual");
        }
        assertThat(tracker.find("r1")).isEmpty();
        assertThat(tracker.recent(10, null)).extracting(RunStatus::runId).containsExactly("r4", "r3", "r2");
        assertThat(tracker.recent(2, null)).extracting(RunStatus::runId).containsExactly("r4", "r3");
        assertThat(tracker.recent(10, "clientes")).isEmpty();
    }

    @Test
    void anExtractingRunBlocksReSyncsOnlyWhileItReportsProgress() {
        tracker.apply(new RunEvent("fresh", "produtos", Kind.STARTED, false, clock.instant().minusSeconds(30), 0, "poll"));
        tracker.apply(new RunEvent("stale", "clientes", Kind.STARTED, false, clock.instant().minus(Duration.ofMinutes(11)), 0, "poll"));
        assertThat(tracker.extracting("produtos")).map(RunStatus::runId).contains("fresh");
        assertThat(tracker.extracting("clientes")).isEmpty();
        tracker.apply(new RunEvent("fresh", "produtos", Kind.FINISHED, false, clock.instant(), 0, null));
        assertThat(tracker.extracting("produtos")).isEmpty();
    }

    @Test
    void aRegisteredRunIsVisibleBeforeItsFirstEventAndFollowersSeeEveryChange() throws Exception {
        List<RunStatus.State> seen = new ArrayList<>();
        RunStatus registered = tracker.register("r9", "vendas", true, "manual", T0);
        assertThat(registered.status()).isEqualTo(RunStatus.State.RUNNING);
        assertThat(registered.forced()).isTrue();
        AutoCloseable handle = tracker.follow("r9", s -> seen.add(s.status()));
        CompletableFuture<RunStatus> extracted = tracker.extractionEnd("r9");
        apply("r9", Kind.STARTED, 0, 0, "manual");
        assertThat(extracted).isNotDone();
        apply("r9", Kind.FINISHED, 1, 5, null);
        assertThat(extracted).isCompleted();
        assertThat(extracted.get().status()).isEqualTo(RunStatus.State.PUBLISHED);
        handle.close();
        apply("r9", Kind.DELIVERED, 2, 5, null);
        assertThat(seen).containsExactly(RunStatus.State.RUNNING, RunStatus.State.RUNNING, RunStatus.State.PUBLISHED);
        assertThat(status("r9").status()).isEqualTo(RunStatus.State.COMPLETED);
    }

    private void apply(String runId, Kind kind, int second, long count, String detail) {
        tracker.apply(new RunEvent(runId, "produtos", kind, false, T0.plusSeconds(second), count, detail));
    }

    private RunStatus status(String runId) {
        return tracker.find(runId).orElseThrow();
    }
}
