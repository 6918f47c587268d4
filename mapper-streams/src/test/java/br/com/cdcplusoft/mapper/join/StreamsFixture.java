package br.com.cdcplusoft.mapper.join;

import br.com.cdcplusoft.core.catalog.EntityCatalog;
import br.com.cdcplusoft.core.catalog.TopicCatalog;
import br.com.cdcplusoft.core.envelope.ChangeEvent;
import br.com.cdcplusoft.core.json.Json;
import br.com.cdcplusoft.core.json.JsonSerdes;
import br.com.cdcplusoft.boot.PipelineProperties;
import br.com.cdcplusoft.mapping.MappingSpecs;
import br.com.cdcplusoft.mapper.topology.MapperTopology;
import br.com.cdcplusoft.mapper.topology.PipelineMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.BuiltInDslStoreSuppliers;
import org.apache.kafka.streams.test.TestRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The whole mapper topology (joins in debezium mode, then the mapping) under TopologyTestDriver,
 * with the default specs and catalog, and Debezium-shaped input as the Oracle connector writes it.
 */
final class StreamsFixture implements AutoCloseable {

    static final EntityCatalog ENTITIES = PipelineProperties.defaults().catalog();
    static final TopicCatalog TOPICS = TopicCatalog.defaults();
    static final MappingSpecs SPECS = MappingSpecs.load(ENTITIES);

    final TopologyTestDriver driver;
    private final Instant start = Instant.parse("2025-03-01T17:32:00Z");
    private long offsetTs = start.toEpochMilli();

    StreamsFixture(Path stateDir, PipelineMode mode) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "plusoft-mapper-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        // every intermediate join result visible, as with a cache flush after each record
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, "0");
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, "true");
        // the driver commits after every record, which flushes every RocksDB store: in memory, same semantics
        props.put(StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG, BuiltInDslStoreSuppliers.InMemoryDslStoreSuppliers.class);
        driver = new TopologyTestDriver(MapperTopology.build(new MapperTopology.Settings(ENTITIES, TOPICS, SPECS,
                Duration.ofSeconds(1), mode, JoinTopology.defaultTableTopics(TOPICS)), props), props, start);
    }

    // ---- input ----

    /** A raw record on {@code consinco.base.<TABLE>}; a null value is a tombstone. */
    void sendRaw(String table, String key, String value) {
        TestInputTopic<byte[], byte[]> in = driver.createInputTopic(TOPICS.changePrefix() + "base." + table,
                new ByteArraySerializer(), new ByteArraySerializer(), start, Duration.ZERO);
        in.pipeInput(key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value == null ? null : value.getBytes(StandardCharsets.UTF_8), ++offsetTs);
    }

    void send(String table, JsonNode key, JsonNode envelope) {
        sendRaw(table, Json.mapper().writeValueAsString(key), envelope == null ? null : Json.mapper().writeValueAsString(envelope));
    }

    /** An insert as the connector writes it (JSON text for before/after). */
    void insert(String table, String key, String after) {
        sendRaw(table, key, envelope(table, "c", null, json(after), "false").toString());
    }

    void update(String table, String key, String before, String after) {
        sendRaw(table, key, envelope(table, "u", json(before), json(after), "false").toString());
    }

    /** A delete: {@code op=d} with the whole before image, then the tombstone. */
    void delete(String table, String key, String before) {
        sendRaw(table, key, envelope(table, "d", json(before), null, "false").toString());
        sendRaw(table, key, null);
    }

    /** A row read by an incremental snapshot (a re-sync). */
    void resync(String table, String key, String after) {
        sendRaw(table, key, envelope(table, "r", null, json(after), "incremental").toString());
    }

    /** A row read by the connector's initial snapshot. */
    void snapshot(String table, String key, String after) {
        sendRaw(table, key, envelope(table, "r", null, json(after), "true").toString());
    }

    /**
     * An incremental-snapshot notification of the connector on {@code consinco.notifications}, as its
     * sink channel writes it: {@code type} of the snapshot with id {@code runId} over {@code tables}.
     */
    void notification(String runId, String type, String... tables) {
        TestInputTopic<byte[], byte[]> in = driver.createInputTopic(JoinTopology.defaultNotificationTopic(TOPICS),
                new ByteArraySerializer(), new ByteArraySerializer(), start, Duration.ZERO);
        String collections = String.join(",", java.util.Arrays.stream(tables).map(t -> "FREEPDB1.CONSINCO." + t).toList());
        String value = "{\"id\":\"" + runId + "\",\"aggregate_type\":\"Incremental Snapshot\",\"type\":\"" + type
                + "\",\"additional_data\":{\"connector_name\":\"consinco\",\"data_collections\":\"" + collections + "\"},"
                + "\"timestamp\":" + offsetTs + "}";
        in.pipeInput(null, value.getBytes(StandardCharsets.UTF_8), ++offsetTs);
    }

    /** A view row on {@code consinco.<entidade>}, as the JDBC extractor writes it (jdbc mode). */
    void sendView(String entity, JsonNode key, ChangeEvent event) {
        TestInputTopic<JsonNode, ChangeEvent> in = driver.createInputTopic(TOPICS.changes(entity).name(),
                JsonSerdes.<JsonNode>serializer(), JsonSerdes.<ChangeEvent>serializer(), start, Duration.ZERO);
        in.pipeInput(new TestRecord<>(key, event, null, ++offsetTs));
    }

    static ObjectNode envelope(String table, String op, ObjectNode before, ObjectNode after, String snapshot) {
        ObjectNode e = Json.mapper().createObjectNode();
        e.set("before", before);
        e.set("after", after);
        ObjectNode source = e.putObject("source");
        source.put("version", "3.6.1.Final");
        source.put("connector", "oracle");
        source.put("name", "consinco");
        source.put("ts_ms", 1_740_850_320_000L);
        source.put("snapshot", snapshot);
        source.put("db", "FREEPDB1");
        source.put("schema", "CONSINCO");
        source.put("table", table);
        source.put("scn", "2871234");
        e.put("op", op);
        e.put("ts_ms", 1_740_850_321_000L);
        return e;
    }

    /** An Oracle DATE as Debezium writes it (time.precision.mode=adaptive): wall clock read as UTC, in ms. */
    static long millis(String localDateTime) {
        return LocalDateTime.parse(localDateTime).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    static ObjectNode json(String text) {
        return text == null ? null : (ObjectNode) Json.mapper().readTree(text);
    }

    /** A multi-line JSON literal as one compact line (no newline may sit inside a string). */
    static String compact(String text) {
        return text.strip().replaceAll("\\n\\s*", "");
    }

    // ---- output ----

    /** The view change events the joins wrote to {@code consinco.<entidade>}. */
    List<TestRecord<String, String>> changes(String entity) {
        return raw(TOPICS.changes(entity).name());
    }

    List<TestRecord<String, String>> payloads(String entity) {
        return raw(TOPICS.payloads(entity).name());
    }

    List<TestRecord<String, String>> mappingDeadLetters(String entity) {
        return raw(TOPICS.changeDeadLetters(entity).name());
    }

    List<TestRecord<String, String>> baseDeadLetters(String table) {
        return raw(TOPICS.changePrefix() + "base." + table + TOPICS.deadLetterSuffix());
    }

    private List<TestRecord<String, String>> raw(String topic) {
        TestOutputTopic<String, String> out = driver.createOutputTopic(topic, new StringDeserializer(), new StringDeserializer());
        return out.readRecordsToList();
    }

    static String header(TestRecord<?, ?> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        driver.close();
    }
}
