package br.com.cdcplusoft.extractor.debezium;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where a Debezium record goes: the engine names its destination {@code <topic.prefix>.<schema>.<table>};
 * the table picks the pipeline topic ({@code consinco.base.MAP_PRODUTO} by default), the same one the
 * Kafka Connect deployment's RegexRouter writes to. Heartbeats, schema changes and tables without a
 * route (such as the signal table) have no route.
 */
final class TableRoutes {

    private final String changePrefix;
    private final Map<String, String> tables;

    TableRoutes(String changePrefix, Map<String, String> tables) {
        this.changePrefix = changePrefix;
        this.tables = tables;
    }

    Optional<String> topicFor(String destination) {
        if (destination == null) {
            return Optional.empty();
        }
        String[] parts = destination.split("\\.");
        if (parts.length < 3) {
            return Optional.empty();
        }
        String suffix = tables.get(parts[parts.length - 1].toUpperCase(Locale.ROOT));
        return suffix == null ? Optional.empty() : Optional.of(changePrefix + suffix);
    }
}
