package br.com.cdcplusoft.extractor.debezium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Defaults and invalid settings of the embedded engine, with their exact messages. */
class DebeziumEngineSettingsTest {

    private static final Map<String, String> ORACLE = Map.of("connector.class", "io.debezium.connector.oracle.OracleConnector");

    @Test
    void defaultsRouteTheEightConsincoTablesToBaseTopics() {
        DebeziumEngineSettings settings = DebeziumEngineSettings.defaults();

        assertThat(settings.embedded()).isTrue();
        assertThat(settings.sendTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.tables()).containsOnlyKeys("MAX_EMPRESA", "GE_PESSOA", "MRL_CLIENTE", "MAP_PRODUTO", "MAP_FAMILIA",
                "MAP_MARCA", "MFL_DOCTOFISCAL", "MFL_DFITEM").containsEntry("MAP_PRODUTO", "base.MAP_PRODUTO");
    }

    @Test
    void tableNamesAreUpperCasedAndSuffixesTrimmed() {
        DebeziumEngineSettings settings = new DebeziumEngineSettings(true, Map.of("map_produto", " produtos-base "), ORACLE,
                Duration.ofSeconds(5));

        assertThat(settings.tables()).containsExactly(Map.entry("MAP_PRODUTO", "produtos-base"));
    }

    @Test
    void rejectsABadTableATopicSuffixAndATimeout() {
        assertThatThrownBy(() -> new DebeziumEngineSettings(true, Map.of("1TABLE", "x"), Map.of(), Duration.ofSeconds(1)))
                .hasMessage("extractor.debezium.tables: '1TABLE' is not a table name");
        assertThatThrownBy(() -> new DebeziumEngineSettings(true, Map.of("MAP_MARCA", "a/b"), Map.of(), Duration.ofSeconds(1)))
                .hasMessage("extractor.debezium.tables.MAP_MARCA: topic suffix 'a/b' is not a legal Kafka topic name part");
        assertThatThrownBy(() -> new DebeziumEngineSettings(true, Map.of("map_marca", "a", "MAP_MARCA", "b"), Map.of(), Duration.ofSeconds(1)))
                .hasMessage("extractor.debezium.tables: table MAP_MARCA is listed twice");
        assertThatThrownBy(() -> new DebeziumEngineSettings(true, Map.of(), Map.of(), Duration.ZERO))
                .hasMessage("extractor.debezium.send-timeout must be positive, was PT0S");
    }

    @Test
    void enginePropertiesPinTheEnvelopeAndKeepOffsetsInKafka() {
        Properties props = EngineProperties.build(new DebeziumEngineSettings(true, Map.of(), ORACLE, Duration.ofSeconds(5)),
                "kafka:9092");

        assertThat(props).containsEntry("converter.schemas.enable", "false")
                .containsEntry("decimal.handling.mode", "string")
                .containsEntry("time.precision.mode", "adaptive")
                .containsEntry("tombstones.on.delete", "true")
                .containsEntry("topic.prefix", "consinco")
                .containsEntry("offset.storage", "org.apache.kafka.connect.storage.KafkaOffsetBackingStore")
                .containsEntry("offset.storage.topic", "extractor.debezium.offsets")
                .containsEntry("bootstrap.servers", "kafka:9092")
                .containsEntry("schema.history.internal", "io.debezium.storage.kafka.history.KafkaSchemaHistory")
                .containsEntry("schema.history.internal.kafka.bootstrap.servers", "kafka:9092")
                .containsEntry("connector.class", "io.debezium.connector.oracle.OracleConnector");
    }

    @Test
    void overridesWinButSchemasStayOffAndAConnectorIsRequired() {
        Properties props = EngineProperties.build(new DebeziumEngineSettings(true, Map.of(), Map.of(
                "connector.class", "io.debezium.connector.oracle.OracleConnector", "offset.storage.topic", "site-a.offsets"),
                Duration.ofSeconds(5)), "kafka:9092");
        assertThat(props).containsEntry("offset.storage.topic", "site-a.offsets");

        assertThatThrownBy(() -> EngineProperties.build(DebeziumEngineSettings.defaults(), "kafka:9092"))
                .hasMessage("extractor.debezium.engine.connector.class is required, e.g. io.debezium.connector.oracle.OracleConnector");
        assertThatThrownBy(() -> EngineProperties.build(new DebeziumEngineSettings(true, Map.of(), Map.of(
                "connector.class", "x", "value.converter.schemas.enable", "true"), Duration.ofSeconds(5)), "kafka:9092"))
                .hasMessage("extractor.debezium.engine.value.converter.schemas.enable must stay false: the pipeline reads envelopes without schemas");
        assertThatThrownBy(() -> EngineProperties.build(new DebeziumEngineSettings(true, Map.of(), ORACLE, Duration.ofSeconds(5)), " "))
                .hasMessage("the embedded Debezium engine needs spring.kafka.bootstrap-servers");
    }

    @Test
    void passwordsAreMaskedInToString() {
        DebeziumEngineSettings settings = new DebeziumEngineSettings(true, Map.of(),
                Map.of("database.password", "s3cret", "database.user", "c##dbzuser"), Duration.ofSeconds(5));

        assertThat(settings.toString()).doesNotContain("s3cret").contains("database.password=******", "database.user=c##dbzuser");
    }

    @Test
    void routesByTableAndIgnoresHeartbeatsAndUnlistedTables() {
        TableRoutes routes = new TableRoutes("consinco.", DebeziumEngineSettings.CONSINCO_TABLES);

        assertThat(routes.topicFor("consinco.CONSINCO.MAP_PRODUTO")).contains("consinco.base.MAP_PRODUTO");
        assertThat(routes.topicFor("consinco.public.mfl_dfitem")).contains("consinco.base.MFL_DFITEM");
        assertThat(routes.topicFor("__debezium-heartbeat.consinco")).isEmpty();
        assertThat(routes.topicFor("consinco.DEBEZIUM.DEBEZIUM_SIGNAL")).isEmpty();
        assertThat(routes.topicFor("consinco")).isEmpty();
        assertThat(routes.topicFor(null)).isEmpty();
    }

    @Test
    void theEngineTakesTheConnectConfigurationsRecordShapingSettingsFromTheFileItself() throws Exception {
        Map<String, String> connect = new java.util.LinkedHashMap<>();
        br.com.cdcplusoft.core.json.Json.mapper().readTree(java.nio.file.Path.of("..", "connect-config", "consinco-oracle.json").toFile())
                .properties().forEach(e -> connect.put(e.getKey(), e.getValue().asString()));
        Properties props = EngineProperties.build(new DebeziumEngineSettings(true, Map.of(), ORACLE, Duration.ofSeconds(5)),
                "kafka:9092");

        for (String key : List.of("decimal.handling.mode", "legacy.decimal.handling.strategy", "time.precision.mode",
                "tombstones.on.delete", "topic.prefix", "log.mining.strategy", "log.mining.buffer.transaction.events.threshold",
                "heartbeat.interval.ms", "heartbeat.action.query", "table.include.list", "snapshot.mode",
                "signal.enabled.channels", "signal.kafka.topic", "transforms.castKeys.type", "transforms.castKeys.spec")) {
            assertThat(props.getProperty(key)).as(key).isNotNull().isEqualTo(connect.get(key));
        }
        assertThat(props).containsEntry("legacy.decimal.handling.strategy", "true")
                .containsEntry("transforms", "castKeys")
                .containsEntry("signal.kafka.bootstrap.servers", "kafka:9092")
                .containsEntry("schema.history.internal.kafka.topic", "extractor.debezium.schema-history")
                .doesNotContainKeys("tasks.max", "transforms.route.type", "transforms.dropSignals.type", "predicates",
                        "key.converter", "database.hostname", "signal.data.collection");
        assertThat(props.values()).noneMatch(v -> v.toString().contains("${env:"));
    }

    @Test
    void anotherConnectorTakesOnlyTheConnectorIndependentSettings() {
        Properties props = EngineProperties.build(new DebeziumEngineSettings(true, Map.of(), Map.of(
                "connector.class", "io.debezium.connector.postgresql.PostgresConnector"), Duration.ofSeconds(5)), "kafka:9092");

        assertThat(props).containsEntry("decimal.handling.mode", "string").containsEntry("time.precision.mode", "adaptive")
                .containsEntry("transforms", "castKeys")
                .doesNotContainKeys("legacy.decimal.handling.strategy", "log.mining.strategy", "heartbeat.action.query",
                        "table.include.list");
    }
}
