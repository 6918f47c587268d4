package br.com.cdcplusoft.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class ConsolePropertiesTest {

    private static ConsoleProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("gateway.console", ConsoleProperties.class);
    }

    @Test
    void defaults() {
        ConsoleProperties p = bind(Map.of());
        assertThat(p.refresh()).isEqualTo(Duration.ofSeconds(5));
        assertThat(p.mapperGroup()).isEqualTo("plusoft-mapper");
        assertThat(p.sinkGroup()).isEqualTo("plusoft-sink");
        assertThat(p.sinkStatusTopic()).isEqualTo("pipeline.sink-status");
        assertThat(p.countEvery()).isEqualTo(Duration.ofMinutes(5));
        assertThat(p.countTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(p.history()).isEqualTo(Duration.ofHours(1));
        assertThat(p.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(p.samples()).isEqualTo(721);
    }

    @Test
    void invalidSettingsAreNamed() {
        assertInvalid(Map.of("gateway.console.refresh", "500ms"), "gateway.console.refresh must be at least 1s, was PT0.5S");
        assertInvalid(Map.of("gateway.console.count-every", "1s"), "gateway.console.count-every must be at least 5s, was PT1S");
        assertInvalid(Map.of("gateway.console.count-timeout", "0s"), "gateway.console.count-timeout must be at least 1s, was PT0S");
        assertInvalid(Map.of("gateway.console.history", "30s"), "gateway.console.history must be at least 60s, was PT30S");
        assertInvalid(Map.of("gateway.console.timeout", "100ms"), "gateway.console.timeout must be at least 1s, was PT0.1S");
        assertInvalid(Map.of("gateway.console.history", "24h", "gateway.console.refresh", "1s"),
                "gateway.console.history / gateway.console.refresh must be at most 10000 samples, was 86400");
        assertInvalid(Map.of("gateway.console.mapper-group", " "), "gateway.console.mapper-group must not be blank");
        assertInvalid(Map.of("gateway.console.sink-group", " "), "gateway.console.sink-group must not be blank");
        assertInvalid(Map.of("gateway.console.sink-status-topic", "status/sink"),
                "gateway.console.sink-status-topic 'status/sink' is not a legal Kafka topic name");
    }

    private static void assertInvalid(Map<String, String> values, String message) {
        assertThatThrownBy(() -> bind(values)).isInstanceOf(BindException.class)
                .rootCause().isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }
}
