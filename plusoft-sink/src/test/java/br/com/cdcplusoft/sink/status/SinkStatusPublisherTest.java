package br.com.cdcplusoft.sink.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.cdcplusoft.core.status.SinkStatus;
import br.com.cdcplusoft.sink.delivery.SinkMetrics;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class SinkStatusPublisherTest {

    private static final Instant NOW = Instant.parse("2026-07-15T13:00:00Z");

    @Test
    void reportsCumulativeDeliveriesPerEntityAndTheCircuitState() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        registry.counter("plusoft.sink.records.sent", "entity", "produtos").increment(1500);
        registry.counter("plusoft.sink.records.dead.lettered", "entity", "produtos", "reason", "REJECTED").increment(2);
        registry.counter("plusoft.sink.records.dead.lettered", "entity", "produtos", "reason", "TOO_LARGE").increment();
        CircuitBreaker breaker = CircuitBreaker.ofDefaults("plusoft");
        breaker.transitionToOpenState();
        SinkStatusPublisher publisher = new SinkStatusPublisher("host-1", List.of("produtos", "vendas"), new SinkMetrics(registry), breaker,
                null, SinkStatus.topic("pipeline.sink-status"), Duration.ofSeconds(5), Clock.fixed(NOW, ZoneOffset.UTC));

        SinkStatus status = publisher.current();

        assertThat(status.instance()).isEqualTo("host-1");
        assertThat(status.at()).isEqualTo(NOW);
        assertThat(status.every()).isEqualTo(5);
        assertThat(status.circuit()).isEqualTo("OPEN");
        assertThat(status.entities()).containsOnlyKeys("produtos", "vendas");
        assertThat(status.entities().get("produtos")).isEqualTo(new SinkStatus.Entity(1500, 3, null));
        assertThat(status.entities().get("vendas")).isEqualTo(new SinkStatus.Entity(0, 0, null));

        byte[] json = SinkStatus.topic("t").valueSerde().serializer().serialize("t", status);
        assertThat(SinkStatus.topic("t").valueSerde().deserializer().deserialize("t", json)).isEqualTo(status);
    }

    @Test
    void settingsDefaultAndAreChecked() {
        StatusProperties defaults = bind(Map.of());
        assertThat(defaults.topic()).isEqualTo("pipeline.sink-status");
        assertThat(defaults.every()).isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> bind(Map.of("plusoft.status.every", "100ms"))).isInstanceOf(BindException.class)
                .rootCause().hasMessage("plusoft.status.every must be at least 1s, was PT0.1S");
        assertThatThrownBy(() -> bind(Map.of("plusoft.status.topic", "a b"))).isInstanceOf(BindException.class)
                .rootCause().hasMessage("plusoft.status.topic 'a b' is not a legal Kafka topic name");
    }

    private static StatusProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("plusoft.status", StatusProperties.class);
    }
}
