package br.com.cdcplusoft.extractor.debezium;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

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
 */
final class EngineProperties {

    static final String OFFSET_TOPIC = "extractor.debezium.offsets";
    static final String SCHEMA_HISTORY_TOPIC = "extractor.debezium.schema-history";

    private EngineProperties() {
    }

    static Map<String, String> defaults(String bootstrapServers) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("name", "consinco-extractor");
        p.put("topic.prefix", "consinco");
        p.put("converter.schemas.enable", "false");
        p.put("decimal.handling.mode", "string");
        p.put("time.precision.mode", "adaptive");
        p.put("tombstones.on.delete", "true");
        p.put("heartbeat.interval.ms", "10000");
        p.put("bootstrap.servers", bootstrapServers);
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
        Map<String, String> merged = defaults(bootstrapServers);
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

    static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("secret") || k.contains("sasl.jaas");
    }
}
