package br.com.cdcplusoft.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import br.com.cdcplusoft.dev.simulator.PlusoftSimulator;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.listener.MessageListenerContainer;

/** While Plusoft is down consumption pauses, nothing is dead-lettered, and it resumes by itself. */
class CircuitBreakerIT {

    private final PlusoftSimulator plusoft = PlusoftSimulator.start(0);
    private SinkHarness harness;

    @AfterEach
    void stop() {
        harness.close();
        plusoft.close();
    }

    @Test
    void anOutagePausesTheContainerAndRecoveryResumesIt() {
        harness = new SinkHarness("breaker");
        for (int i = 1; i <= 20; i++) {
            harness.produce("produtos", i % 3, "{\"IDPRODUTO\":" + i + "}", "{\"IDPRODUTO\":" + i + "}", Map.of());
        }
        harness.flush();
        plusoft.faults().failNext(Integer.MAX_VALUE, 503);

        ConfigurableApplicationContext sink = harness.startSink(Map.of("plusoft.base-url", plusoft.baseUri().toString(),
                "plusoft.retry.max-total", "10m",
                "plusoft.circuit-breaker.sliding-window", "4", "plusoft.circuit-breaker.minimum-calls", "4",
                "plusoft.circuit-breaker.wait-in-open", "1s"));
        MessageListenerContainer container = sink.getBean("plusoftSinkContainer", MessageListenerContainer.class);
        MeterRegistry meters = sink.getBean(MeterRegistry.class);

        await().atMost(Duration.ofSeconds(30)).until(container::isPauseRequested);
        assertThat(meters.get("plusoft.sink.circuit.open").gauge().value()).isEqualTo(1.0);
        long failedWhileDown = plusoft.counts("produtos").failed();

        plusoft.faults().reset();
        await().atMost(Duration.ofSeconds(30)).until(() -> harness.committed("produtos").values().stream()
                .mapToLong(Long::longValue).sum() == 20L);

        assertThat(failedWhileDown).isGreaterThanOrEqualTo(4);
        assertThat(plusoft.counts("produtos").distinct()).isEqualTo(20);
        assertThat(container.isPauseRequested()).isFalse();
        assertThat(harness.readAll(harness.topics.payloadDeadLetters("produtos").name())).isEmpty();
    }
}
