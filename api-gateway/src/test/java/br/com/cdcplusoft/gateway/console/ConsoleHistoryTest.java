package br.com.cdcplusoft.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleHistoryTest {

    private static final Instant T0 = Instant.parse("2026-07-15T13:00:00Z");
    private static final List<String> ENTITIES = List.of("produtos", "vendas");

    private static ConsoleHistory.Sample sample(Instant at, long produtos, long vendas, long vendasConsumed) {
        return new ConsoleHistory.Sample(at, Map.of(
                "produtos", new ConsoleHistory.Point(produtos, 0L, 0L, 0L, produtos),
                "vendas", new ConsoleHistory.Point(vendas, 10L, 5L, 0L, vendasConsumed)));
    }

    @Test
    void deliveriesPerMinuteAreTheGrowthOfTheTotalsWithinEachMinute() {
        ConsoleHistory history = new ConsoleHistory(100);
        history.add(sample(T0.plusSeconds(10), 100, 1000, 0));
        history.add(sample(T0.plusSeconds(50), 160, 1000, 0));
        history.add(sample(T0.plusSeconds(70), 200, 1500, 0));
        history.add(sample(T0.plusSeconds(130), 200, 1600, 0));

        List<ConsoleHistory.Minute> minutes = history.perMinute(ENTITIES, T0.plusSeconds(150), 3);

        assertThat(minutes).extracting(ConsoleHistory.Minute::minuto)
                .containsExactly(T0, T0.plusSeconds(60), T0.plusSeconds(120));
        // the first sample has no predecessor: what was delivered before the console watched is not a minute's work
        assertThat(minutes.get(0).entregues()).containsEntry("produtos", 60L).containsEntry("vendas", 0L);
        assertThat(minutes.get(1).entregues()).containsEntry("produtos", 40L).containsEntry("vendas", 500L);
        assertThat(minutes.get(2).entregues()).containsEntry("produtos", 0L).containsEntry("vendas", 100L);
    }

    @Test
    void aSinkThatRestartedCountsFromZeroInsteadOfANegativeMinute() {
        ConsoleHistory history = new ConsoleHistory(100);
        history.add(sample(T0.plusSeconds(10), 500, 0, 0));
        history.add(sample(T0.plusSeconds(20), 30, 0, 0));

        assertThat(history.perMinute(ENTITIES, T0.plusSeconds(30), 1).get(0).entregues()).containsEntry("produtos", 30L);
    }

    @Test
    void keepsAtMostItsCapacityDroppingTheOldest() {
        ConsoleHistory history = new ConsoleHistory(3);
        for (int i = 0; i < 5; i++) {
            history.add(sample(T0.plusSeconds(i * 10L), i, 0, 0));
        }
        assertThat(history.size()).isEqualTo(3);
        assertThat(history.lag(ENTITIES, Duration.ZERO)).extracting(ConsoleHistory.LagPoint::em)
                .containsExactly(T0.plusSeconds(20), T0.plusSeconds(30), T0.plusSeconds(40));
    }

    @Test
    void lagAddsTheMapperAndTheSinkAndIsThinnedToTheStepKeepingTheNewest() {
        ConsoleHistory history = new ConsoleHistory(100);
        for (int i = 0; i <= 10; i++) {
            history.add(sample(T0.plusSeconds(i * 5L), 0, 0, 0));
        }
        List<ConsoleHistory.LagPoint> lag = history.lag(ENTITIES, Duration.ofSeconds(20));
        assertThat(lag).extracting(ConsoleHistory.LagPoint::em)
                .containsExactly(T0, T0.plusSeconds(20), T0.plusSeconds(40), T0.plusSeconds(50));
        assertThat(lag.get(0).lag()).containsEntry("vendas", 15L).containsEntry("produtos", 0L);
    }

    @Test
    void theRateIsWhatTheGroupConsumedPerSecondWithinTheWindow() {
        ConsoleHistory history = new ConsoleHistory(100);
        history.add(sample(T0, 0, 0, 0));
        assertThat(history.rate("vendas", false, T0, Duration.ofSeconds(60))).as("one sample").isNull();
        history.add(sample(T0.plusSeconds(100), 0, 0, 1000));
        history.add(sample(T0.plusSeconds(120), 0, 0, 3000));
        // the sample at T0 is outside the 60 s window ending at T0+120
        assertThat(history.rate("vendas", false, T0.plusSeconds(120), Duration.ofSeconds(60))).isEqualTo(100.0);
        assertThat(history.rate("vendas", true, T0.plusSeconds(120), Duration.ofSeconds(60))).isEqualTo(0.0);
    }
}
