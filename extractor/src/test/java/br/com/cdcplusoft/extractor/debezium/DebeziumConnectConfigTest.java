package br.com.cdcplusoft.extractor.debezium;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.cdcplusoft.core.json.Json;
import io.debezium.config.Field;
import io.debezium.connector.oracle.OracleConnector;
import io.debezium.pipeline.signal.channels.KafkaSignalChannel;
import io.debezium.storage.kafka.history.KafkaSchemaHistory;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.connect.runtime.SourceConnectorConfig;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Every key of connect-config/*.json is one the Debezium Oracle connector defines, resolved the way
 * Kafka Connect resolves a connector configuration: the framework's connector keys
 * ({@link SourceConnectorConfig}), the connector's own {@link OracleConnector#config()}, and the
 * prefixed keys of the plugins the file names (converters, transformations, predicates, the Kafka
 * schema history, the Kafka signal channel, topic creation groups). A misspelt key would otherwise be
 * ignored by Connect with a log line nobody reads.
 */
class DebeziumConnectConfigTest {

    private static final Path CONNECT_CONFIG = Path.of("..", "connect-config");
    private static final Pattern ENV = Pattern.compile("\\$\\{env:([A-Z0-9_]+)}");

    static Stream<Path> connectorFiles() throws IOException {
        try (Stream<Path> files = Files.list(CONNECT_CONFIG)) {
            List<Path> json = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            assertThat(json).as("connector configurations in " + CONNECT_CONFIG.toAbsolutePath()).isNotEmpty();
            return json.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("connectorFiles")
    void everyKeyIsDefinedByTheConnectorOrAPluginItNames(Path file) throws Exception {
        Map<String, String> config = read(file);

        List<String> unknown = new ArrayList<>();
        for (String key : config.keySet()) {
            if (!defined(key, config)) {
                unknown.add(key);
            }
        }

        assertThat(unknown).as("keys of %s that the Debezium Oracle connector does not define", file.getFileName()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("connectorFiles")
    void valuesPassTheConnectorsOwnValidation(Path file) throws Exception {
        Map<String, String> config = resolveEnv(read(file));

        Config validated = new OracleConnector().validate(config);

        Map<String, List<String>> errors = new TreeMap<>();
        for (ConfigValue value : validated.configValues()) {
            // database.* errors come from the connection attempt: there is no Oracle here
            if (!value.errorMessages().isEmpty() && config.containsKey(value.name()) && !value.name().startsWith("database.")) {
                errors.put(value.name(), value.errorMessages());
            }
        }
        assertThat(errors).as("validation errors of %s", file.getFileName()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("connectorFiles")
    void pinsWhatThePipelineDependsOn(Path file) throws Exception {
        Map<String, String> config = read(file);

        assertThat(file.getFileName().toString()).isEqualTo(config.get("name") + ".json");
        assertThat(config).containsEntry("connector.class", "io.debezium.connector.oracle.OracleConnector")
                .containsEntry("database.connection.adapter", "logminer")
                // follows DDL (schema changes of captured tables) from the redo, at online_catalog's speed
                .containsEntry("log.mining.strategy", "hybrid")
                // NUMBER(p,0) as JSON integers, not decimal strings (DBZ-7882 changed the default in 2.7)
                .containsEntry("legacy.decimal.handling.strategy", "true")
                // a price job updating every product in one transaction is buffered whole, never discarded
                .containsEntry("log.mining.buffer.transaction.events.threshold", "0")
                .containsEntry("log.mining.transaction.retention.ms", "0")
                .containsEntry("key.converter", "org.apache.kafka.connect.json.JsonConverter")
                .containsEntry("key.converter.schemas.enable", "false")
                .containsEntry("value.converter", "org.apache.kafka.connect.json.JsonConverter")
                .containsEntry("value.converter.schemas.enable", "false")
                .containsEntry("decimal.handling.mode", "string")
                .containsEntry("time.precision.mode", "adaptive")
                .containsEntry("tombstones.on.delete", "true")
                .containsKeys("heartbeat.interval.ms", "heartbeat.action.query", "schema.history.internal.kafka.topic", "signal.kafka.topic",
                        "signal.data.collection");
        assertThat(config.get("signal.enabled.channels").split(",")).contains("kafka", "source");
        for (String table : DebeziumEngineSettings.CONSINCO_TABLES.keySet()) {
            assertThat(config.get("table.include.list")).contains("CONSINCO\\." + table);
        }
        // the signal table is captured (incremental snapshot watermarks) but filtered out of the topics
        assertThat(config.get("table.include.list")).contains("DEBEZIUM\\.DEBEZIUM_SIGNAL");
        // the heartbeat action query writes a captured table, so quiet ERP tables still move the offsets
        assertThat(config.get("table.include.list")).contains("DEBEZIUM\\.DEBEZIUM_HEARTBEAT");
        assertThat(config.get("heartbeat.action.query")).contains("DEBEZIUM.DEBEZIUM_HEARTBEAT");
        assertThat(config.get("signal.data.collection")).endsWith(".DEBEZIUM.DEBEZIUM_SIGNAL");
    }

    @ParameterizedTest
    @MethodSource("connectorFiles")
    void routesEveryConsincoTableToTheTopicTheEmbeddedEngineUses(Path file) throws Exception {
        Map<String, String> config = read(file);
        Map<String, String> routerConfig = new LinkedHashMap<>();
        routerConfig.put("regex", config.get("transforms.route.regex"));
        routerConfig.put("replacement", config.get("transforms.route.replacement"));
        Pattern signal = Pattern.compile(config.get("predicates.isSignalTable.pattern"));
        TableRoutes embedded = new TableRoutes("consinco.", DebeziumEngineSettings.CONSINCO_TABLES);

        for (String table : DebeziumEngineSettings.CONSINCO_TABLES.keySet()) {
            String debeziumTopic = config.get("topic.prefix") + ".CONSINCO." + table;
            Matcher m = Pattern.compile(routerConfig.get("regex")).matcher(debeziumTopic);
            assertThat(m.matches()).as(debeziumTopic).isTrue();
            assertThat(m.replaceFirst(routerConfig.get("replacement")))
                    .isEqualTo("consinco.base." + table)
                    .isEqualTo(embedded.topicFor(debeziumTopic).orElseThrow());
            assertThat(signal.matcher(debeziumTopic).matches()).isFalse();
        }
        assertThat(signal.matcher(config.get("topic.prefix") + ".DEBEZIUM.DEBEZIUM_SIGNAL").matches()).isTrue();
        assertThat(signal.matcher(config.get("topic.prefix") + ".DEBEZIUM.DEBEZIUM_HEARTBEAT").matches()).isTrue();
        assertThat(config.get("transforms").split(",")).containsExactly("dropSignals", "castKeys", "route");
    }

    @Test
    void anUnknownKeyIsCaught() {
        Map<String, String> config = Map.of("decimal.handlng.mode", "string", "transforms", "route",
                "transforms.route.type", "org.apache.kafka.connect.transforms.RegexRouter", "transforms.route.regexp", "x",
                "schema.history.internal.kafka.topik", "h");

        assertThat(config.keySet().stream().filter(k -> !defined(k, config)))
                .containsExactlyInAnyOrder("decimal.handlng.mode", "transforms.route.regexp", "schema.history.internal.kafka.topik");
    }

    private static boolean defined(String key, Map<String, String> config) {
        if (SourceConnectorConfig.configDef().names().contains(key) || new OracleConnector().config().names().contains(key)) {
            return true;
        }
        for (String side : new String[] {"key.converter.", "value.converter.", "header.converter."}) {
            if (key.startsWith(side) && config.containsKey(side.substring(0, side.length() - 1))) {
                Converter converter = instance(config.get(side.substring(0, side.length() - 1)), Converter.class);
                return converter.config().names().contains(key.substring(side.length()));
            }
        }
        if (key.startsWith("transforms.")) {
            return plugin(key, "transforms.", config, Transformation.class, Set.of("type", "predicate", "negate"));
        }
        if (key.startsWith("predicates.")) {
            return plugin(key, "predicates.", config, Predicate.class, Set.of("type"));
        }
        if (key.startsWith("schema.history.internal.kafka.")) {
            return KafkaSchemaHistory.class.getName().equals(config.get("schema.history.internal"))
                    && fieldNames(KafkaSchemaHistory.ALL_FIELDS).contains(key);
        }
        if (key.startsWith(KafkaSignalChannel.CONFIGURATION_FIELD_PREFIX_STRING)) {
            return Set.of(KafkaSignalChannel.SIGNAL_TOPIC.name(), KafkaSignalChannel.BOOTSTRAP_SERVERS.name(),
                    KafkaSignalChannel.SIGNAL_POLL_TIMEOUT_MS.name(), KafkaSignalChannel.GROUP_ID.name()).contains(key);
        }
        if (key.startsWith(SourceConnectorConfig.TOPIC_CREATION_PREFIX)) {
            String[] parts = key.substring(SourceConnectorConfig.TOPIC_CREATION_PREFIX.length()).split("\\.", 2);
            Set<String> groups = new HashSet<>(List.of("default"));
            groups.addAll(Arrays.asList(config.getOrDefault(SourceConnectorConfig.TOPIC_CREATION_GROUPS_CONFIG, "").split(",")));
            return parts.length == 2 && groups.contains(parts[0])
                    && (Set.of("replication.factor", "partitions", "include", "exclude").contains(parts[1])
                    || topicConfigNames().contains(parts[1]));
        }
        return false;
    }

    private static <T> boolean plugin(String key, String prefix, Map<String, String> config, Class<T> kind, Set<String> framework) {
        String[] parts = key.substring(prefix.length()).split("\\.", 2);
        List<String> aliases = Arrays.asList(config.getOrDefault(prefix.substring(0, prefix.length() - 1), "").split(","));
        if (parts.length < 2 || !aliases.contains(parts[0])) {
            return false;
        }
        if (framework.contains(parts[1])) {
            return true;
        }
        String type = config.get(prefix + parts[0] + ".type");
        if (type == null) {
            return false;
        }
        Object plugin = instance(type, kind);
        ConfigDef def = plugin instanceof Transformation<?> t ? t.config() : ((Predicate<?>) plugin).config();
        return def.names().contains(parts[1]);
    }

    private static Set<String> fieldNames(Field.Set fields) {
        Set<String> names = new HashSet<>();
        StreamSupport.stream(fields.spliterator(), false).map(Field::name).forEach(names::add);
        return names;
    }

    private static Set<String> topicConfigNames() {
        Set<String> names = new HashSet<>();
        for (java.lang.reflect.Field f : TopicConfig.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getName().endsWith("_CONFIG") && f.getType() == String.class) {
                try {
                    names.add((String) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return names;
    }

    private static <T> T instance(String className, Class<T> kind) {
        try {
            return kind.cast(Class.forName(className).getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot load " + kind.getSimpleName() + " " + className, e);
        }
    }

    private static Map<String, String> read(Path file) throws IOException {
        JsonNode json = Json.mapper().readTree(Files.readString(file));
        Map<String, String> config = new LinkedHashMap<>();
        json.properties().forEach(e -> {
            assertThat(e.getValue().isString()).as("%s: value of %s must be a JSON string", file.getFileName(), e.getKey()).isTrue();
            config.put(e.getKey(), e.getValue().asString());
        });
        return config;
    }

    /** Kafka Connect resolves ${env:...} on the worker; stand-ins of the right type here. */
    private static Map<String, String> resolveEnv(Map<String, String> config) {
        Map<String, String> sample = Map.of("ORACLE_HOST", "oracle.invalid", "ORACLE_PORT", "1521", "ORACLE_CDC_USER", "c##dbzuser",
                "ORACLE_CDC_PASSWORD", "x", "ORACLE_CDB", "FREE", "ORACLE_PDB", "FREEPDB1", "KAFKA_BOOTSTRAP_SERVERS", "kafka.invalid:9092");
        Map<String, String> resolved = new LinkedHashMap<>();
        config.forEach((k, v) -> {
            Matcher m = ENV.matcher(v);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                assertThat(sample).as("environment variable used by %s", k).containsKey(m.group(1));
                m.appendReplacement(out, Matcher.quoteReplacement(sample.get(m.group(1))));
            }
            m.appendTail(out);
            resolved.put(k, out.toString());
        });
        return resolved;
    }
}
