package br.com.cdcplusoft.gateway.sync;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Re-syncs in Debezium mode ({@code gateway.mode=debezium}): where the connector listens for signals
 * and writes its notifications, and which tables an entity's incremental snapshot reads.
 *
 * @param signalTopic          the connector's {@code signal.kafka.topic}
 * @param topicPrefix          the connector's {@code topic.prefix} (the signal's key)
 * @param dataCollectionPrefix what precedes a table in the connector's names: {@code <PDB>.<schema>} for
 *                             Oracle ({@code FREEPDB1.CONSINCO}), {@code <schema>} for PostgreSQL
 * @param notificationTopic    the connector's {@code notification.sink.topic.name}
 * @param notificationGroup    the consumer group of every gateway replica on it (one replica handles each)
 * @param tables               entity -> tables to snapshot: the table whose re-emission re-emits the
 *                             entity's joined rows (docs/production.md, section 5)
 * @param signalTimeout        how long the broker may take to acknowledge a signal
 */
@ConfigurationProperties("gateway.debezium")
public record DebeziumResyncProperties(
        @DefaultValue("consinco.signals") String signalTopic,
        @DefaultValue("consinco") String topicPrefix,
        @DefaultValue("ORCLPDB1.CONSINCO") String dataCollectionPrefix,
        @DefaultValue("consinco.notifications") String notificationTopic,
        @DefaultValue("api-gateway-debezium-notifications") String notificationGroup,
        Map<String, List<String>> tables,
        @DefaultValue("10s") Duration signalTimeout) {

    /** The table each entity's re-sync snapshots, unless configured. */
    public static final Map<String, List<String>> DEFAULT_TABLES = Map.of(
            "filiais", List.of("MAX_EMPRESA"),
            "produtos", List.of("MAP_PRODUTO"),
            "clientes", List.of("MRL_CLIENTE"),
            "vendas", List.of("MFL_DFITEM"));

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$#]*(\\.[A-Za-z_][A-Za-z0-9_$#]*)?");

    public DebeziumResyncProperties {
        for (String[] setting : new String[][] {{"signal-topic", signalTopic}, {"topic-prefix", topicPrefix},
                {"notification-topic", notificationTopic}, {"notification-group", notificationGroup}}) {
            if (setting[1] == null || setting[1].isBlank()) {
                throw new IllegalArgumentException("gateway.debezium." + setting[0] + " is required");
            }
        }
        if (dataCollectionPrefix == null || !NAME.matcher(dataCollectionPrefix).matches()) {
            throw new IllegalArgumentException("gateway.debezium.data-collection-prefix '" + dataCollectionPrefix
                    + "' is not [catalog.]schema");
        }
        Map<String, List<String>> merged = new LinkedHashMap<>(DEFAULT_TABLES);
        if (tables != null) {
            merged.putAll(tables);
        }
        merged.forEach((entity, names) -> {
            if (names == null || names.isEmpty()) {
                throw new IllegalArgumentException("gateway.debezium.tables." + entity + " names no table");
            }
        });
        tables = Map.copyOf(merged);
        if (signalTimeout == null || signalTimeout.isNegative() || signalTimeout.isZero()) {
            throw new IllegalArgumentException("gateway.debezium.signal-timeout must be positive, was " + signalTimeout);
        }
    }

    /** The connector's names of the tables an entity's re-sync snapshots. */
    public List<String> dataCollections(String entity) {
        List<String> names = tables.get(entity);
        if (names == null) {
            throw new IllegalArgumentException("gateway.debezium.tables has no table for entity '" + entity + "'");
        }
        return names.stream().map(t -> dataCollectionPrefix + "." + t).toList();
    }
}
