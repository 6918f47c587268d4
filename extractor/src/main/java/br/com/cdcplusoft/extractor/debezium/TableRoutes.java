package br.com.cdcplusoft.extractor.debezium;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where a Debezium record goes: the engine names its destination {@code <topic.prefix>.<schema>.<table>};
 * the table picks the pipeline topic ({@code consinco.base.MAP_PRODUTO} by default), the same one the
 * Kafka Connect deployment's RegexRouter writes to. Heartbeats, schema changes and tables without a
 * route (such as the signal table) have no route. Destinations named in {@code passThrough} (the
 * connector's notification topic) are published under their own name.
 */
final class TableRoutes {

    private final String changePrefix;
    private final Map<String, String> tables;
    private final Set<String> passThrough;

    TableRoutes(String changePrefix, Map<String, String> tables) {
        this(changePrefix, tables, Set.of());
    }

    TableRoutes(String changePrefix, Map<String, String> tables, Set<String> passThrough) {
        this.changePrefix = changePrefix;
        this.tables = tables;
        this.passThrough = Set.copyOf(passThrough);
    }

    /**
     * The connector's own topics the engine publishes as they are: its notification topic, when the
     * {@code sink} notification channel is on (incremental-snapshot progress for the gateway's runs).
     */
    static Set<String> passThrough(java.util.Properties engine) {
        String channels = engine.getProperty("notification.enabled.channels", "");
        String topic = engine.getProperty("notification.sink.topic.name", "");
        boolean sink = java.util.Arrays.stream(channels.split(",")).map(String::strip).anyMatch("sink"::equals);
        return sink && !topic.isBlank() ? Set.of(topic.strip()) : Set.of();
    }

    Optional<String> topicFor(String destination) {
        if (destination == null) {
            return Optional.empty();
        }
        if (passThrough.contains(destination)) {
            return Optional.of(destination);
        }
        String[] parts = destination.split("\\.");
        if (parts.length < 3) {
            return Optional.empty();
        }
        String suffix = tables.get(parts[parts.length - 1].toUpperCase(Locale.ROOT));
        return suffix == null ? Optional.empty() : Optional.of(changePrefix + suffix);
    }
}
