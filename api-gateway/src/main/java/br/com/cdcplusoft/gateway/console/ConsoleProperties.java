package br.com.cdcplusoft.gateway.console;

import br.com.cdcplusoft.core.status.SinkStatus;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code gateway.console.*}: the operator console on {@code /painel} and its JSON on {@code /painel/estado}.
 *
 * @param refresh          how often the gateway gathers the state (lag, cursors, sink status, dead letters) and the page reloads it
 * @param mapperGroup      the mapper's consumer group (its Kafka Streams application id), whose lag on consinco.&lt;e&gt; is shown
 * @param sinkGroup        the sink's consumer group, whose lag on plusoft.&lt;e&gt; is shown
 * @param sinkStatusTopic  the compacted topic the sinks report to (plusoft.status.topic)
 * @param countEvery       how often the rows of each source view are counted (a COUNT on the ERP: keep it rare)
 * @param countTimeout     query timeout of one count
 * @param history          how far back the charts go (kept in this gateway's memory, one sample per refresh)
 * @param timeout          time allowed to each Kafka read of one refresh
 */
@ConfigurationProperties("gateway.console")
public record ConsoleProperties(
        @DefaultValue("5s") Duration refresh,
        @DefaultValue("plusoft-mapper") String mapperGroup,
        @DefaultValue("plusoft-sink") String sinkGroup,
        @DefaultValue(SinkStatus.DEFAULT_TOPIC) String sinkStatusTopic,
        @DefaultValue("5m") Duration countEvery,
        @DefaultValue("15s") Duration countTimeout,
        @DefaultValue("1h") Duration history,
        @DefaultValue("10s") Duration timeout) {

    public ConsoleProperties {
        atLeast("refresh", refresh, Duration.ofSeconds(1));
        atLeast("count-every", countEvery, Duration.ofSeconds(5));
        atLeast("count-timeout", countTimeout, Duration.ofSeconds(1));
        atLeast("history", history, Duration.ofMinutes(1));
        atLeast("timeout", timeout, Duration.ofSeconds(1));
        if (history.dividedBy(refresh) > 10_000) {
            throw new IllegalArgumentException("gateway.console.history / gateway.console.refresh must be at most 10000 samples, was "
                    + history.dividedBy(refresh));
        }
        notBlank("mapper-group", mapperGroup);
        notBlank("sink-group", sinkGroup);
        if (sinkStatusTopic == null || !sinkStatusTopic.matches("[a-zA-Z0-9._-]+")) {
            throw new IllegalArgumentException("gateway.console.sink-status-topic '" + sinkStatusTopic + "' is not a legal Kafka topic name");
        }
    }

    /** Samples the history holds. */
    int samples() {
        return (int) history.dividedBy(refresh) + 1;
    }

    private static void atLeast(String name, Duration value, Duration min) {
        if (value == null || value.compareTo(min) < 0) {
            throw new IllegalArgumentException("gateway.console." + name + " must be at least " + min.toSeconds() + "s, was " + value);
        }
    }

    private static void notBlank(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("gateway.console." + name + " must not be blank");
        }
    }
}
