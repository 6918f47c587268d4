package br.com.cdcplusoft.extractor.debezium;

import br.com.cdcplusoft.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import tools.jackson.databind.JsonNode;

/**
 * Builds the embedded engine's properties: pinned defaults that give the same envelope as the Kafka
 * Connect deployment (connect-config/), with {@code extractor.debezium.engine.*} laid over them.
 *
 * <p>Pinned, not left to Debezium's defaults: JSON converters without schemas (the pipeline-core
 * envelope), {@code decimal.handling.mode=string} (exact decimals; {@code precise} would write base64
 * bytes without schemas, {@code double} loses cents), {@code time.precision.mode=adaptive} (an Oracle
 * {@code DATE} becomes epoch milliseconds of its local wall-clock time, read back with UTC), tombstones
 * after deletes (so compacted topics and KTables forget the row), and offsets plus schema history in
 * Kafka topics, so a restarted container resumes where it stopped.
 *
 * <p>One source of truth: the connector settings that shape the records ({@code decimal.handling.mode},
 * {@code legacy.decimal.handling.strategy}, {@code time.precision.mode}, the key cast, the log-mining
 * and heartbeat settings, ...) are read from {@code connect-config/consinco-oracle.json}, the file Kafka
 * Connect runs (packaged into this jar by the build), not written a second time here. Left out are
 * the keys only Kafka Connect reads ({@link #CONNECT_ONLY}) and the site's own values
 * ({@code ${env:...}} placeholders: host, user, password, PDB). A connector other than Oracle's (the
 * PostgreSQL connector in the tests) takes only the connector-independent ones ({@link #COMMON}).
 */
final class EngineProperties {

    static final String OFFSET_TOPIC = "extractor.debezium.offsets";
    static final String SCHEMA_HISTORY_TOPIC = "extractor.debezium.schema-history";
    static final String ORACLE_CONNECTOR = "io.debezium.connector.oracle.OracleConnector";
    /** The Kafka Connect configuration on the class path. */
    static final String CONNECT_CONFIG = "connect-config/consinco-oracle.json";

    /** Keys of the Connect configuration that Kafka Connect reads and the engine sets its own way. */
    static final List<String> CONNECT_ONLY = List.of("name", "tasks.max", "connector.class", "key.converter",
            "value.converter", "predicates", "transforms", "topic.creation.", "schema.history.internal.kafka.topic",
            "signal.kafka.groupId");
    /** Transformations of the Connect configuration the engine applies too (routing it does itself). */
    static final String SHARED_TRANSFORM = "castKeys";
    /** What every connector shares with the Oracle one: the shape of keys and values. */
    static final List<String> COMMON = List.of("topic.prefix", "decimal.handling.mode", "time.precision.mode",
            "tombstones.on.delete", "heartbeat.interval.ms", "include.schema.changes", "transforms.", "notification.");

    private static final Map<String, String> CONNECT = connectConfig();

    private EngineProperties() {
    }

    /** The shared settings of {@link #CONNECT_CONFIG} for a connector class (see the class comment). */
    static Map<String, String> shared(String connectorClass) {
        boolean oracle = ORACLE_CONNECTOR.equals(connectorClass);
        Map<String, String> shared = new LinkedHashMap<>();
        CONNECT.forEach((key, value) -> {
            boolean transform = key.startsWith("transforms." + SHARED_TRANSFORM + ".");
            boolean connectOnly = CONNECT_ONLY.stream().anyMatch(key::startsWith);
            if ((transform || !connectOnly) && !value.contains("${env:")
                    && (oracle || COMMON.stream().anyMatch(c -> c.endsWith(".") ? key.startsWith(c) : key.equals(c)))) {
                shared.put(key, value);
            }
        });
        if (CONNECT.containsKey("transforms." + SHARED_TRANSFORM + ".type")) {
            shared.put("transforms", SHARED_TRANSFORM);
        }
        return shared;
    }

    static Map<String, String> defaults(String bootstrapServers) {
        return defaults(bootstrapServers, ORACLE_CONNECTOR);
    }

    static Map<String, String> defaults(String bootstrapServers, String connectorClass) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("name", "consinco-extractor");
        p.put("converter.schemas.enable", "false");
        p.putAll(shared(connectorClass));
        p.put("bootstrap.servers", bootstrapServers);
        p.put("signal.kafka.bootstrap.servers", bootstrapServers);
        p.put("offset.storage", "org.apache.kafka.connect.storage.KafkaOffsetBackingStore");
        p.put("offset.storage.topic", OFFSET_TOPIC);
        p.put("offset.storage.partitions", "1");
        p.put("offset.storage.replication.factor", "1");
        p.put("offset.flush.interval.ms", "1000");
        p.put("schema.history.internal", "io.debezium.storage.kafka.history.KafkaSchemaHistory");
        p.put("schema.history.internal.kafka.topic", SCHEMA_HISTORY_TOPIC);
        p.put("schema.history.internal.kafka.bootstrap.servers", bootstrapServers);
        return p;
    }

    /**
     * @throws IllegalArgumentException when {@code connector.class} is missing or the converters were
     *                                  switched to schemas on (the pipeline reads schema-less envelopes)
     */
    static Properties build(DebeziumEngineSettings settings, String bootstrapServers) {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("the embedded Debezium engine needs spring.kafka.bootstrap-servers");
        }
        Map<String, String> merged = defaults(bootstrapServers, settings.engine().get("connector.class"));
        merged.putAll(settings.engine());
        String connector = merged.get("connector.class");
        if (connector == null || connector.isBlank()) {
            throw new IllegalArgumentException("extractor.debezium.engine.connector.class is required, e.g. "
                    + "io.debezium.connector.oracle.OracleConnector");
        }
        for (String key : new String[] {"converter.schemas.enable", "key.converter.schemas.enable", "value.converter.schemas.enable"}) {
            if ("true".equalsIgnoreCase(merged.get(key))) {
                throw new IllegalArgumentException("extractor.debezium.engine." + key
                        + " must stay false: the pipeline reads envelopes without schemas");
            }
        }
        Properties props = new Properties();
        props.putAll(merged);
        return props;
    }

    private static Map<String, String> connectConfig() {
        try (InputStream in = EngineProperties.class.getClassLoader().getResourceAsStream(CONNECT_CONFIG)) {
            if (in == null) {
                throw new IllegalStateException(CONNECT_CONFIG + " is not on the class path: the extractor's build packages it");
            }
            Map<String, String> config = new LinkedHashMap<>();
            JsonNode json = Json.mapper().readTree(in);
            json.properties().forEach(e -> config.put(e.getKey(), e.getValue().asString()));
            return Collections.unmodifiableMap(config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + CONNECT_CONFIG, e);
        }
    }

    static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("secret") || k.contains("sasl.jaas");
    }
}
