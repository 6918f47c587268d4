package br.com.cdcplusoft.mapper.topology;

import br.com.cdcplusoft.core.catalog.EntityCatalog;
import br.com.cdcplusoft.core.catalog.TopicCatalog;
import br.com.cdcplusoft.core.envelope.ChangeEvent;
import br.com.cdcplusoft.core.envelope.Op;
import br.com.cdcplusoft.core.envelope.PipelineHeaders;
import br.com.cdcplusoft.core.envelope.RunEndMarker;
import br.com.cdcplusoft.core.envelope.Source;
import br.com.cdcplusoft.core.json.Json;
import br.com.cdcplusoft.core.json.JsonSerdes;
import br.com.cdcplusoft.core.run.RunEvent;
import br.com.cdcplusoft.boot.PipelineProperties;
import br.com.cdcplusoft.mapping.MappingSpecs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The mapper topology under TopologyTestDriver, with the default specs and the shared catalog. */
final class TopologyFixture implements AutoCloseable {

    static final EntityCatalog ENTITIES = PipelineProperties.defaults().catalog();
    static final TopicCatalog TOPICS = TopicCatalog.defaults();
    static final MappingSpecs SPECS = MappingSpecs.load(ENTITIES);

    final TopologyTestDriver driver;
    private final Instant start = Instant.parse("2025-03-01T17:32:00Z");

    TopologyFixture(Path stateDir) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "plusoft-mapper-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(MapperTopology.build(new MapperTopology.Settings(ENTITIES, TOPICS, SPECS,
                Duration.ofSeconds(1))), props, start);
    }

    // ---- input ----

    void send(String entity, JsonNode key, ChangeEvent event, Headers headers) {
        TestInputTopic<JsonNode, ChangeEvent> in = driver.createInputTopic(TOPICS.changes(entity).name(),
                JsonSerdes.<JsonNode>serializer(), JsonSerdes.<ChangeEvent>serializer(), start, Duration.ZERO);
        in.pipeInput(new TestRecord<>(key, event, headers, start));
    }

    void send(String entity, JsonNode key, ChangeEvent event) {
        send(entity, key, event, new RecordHeaders());
    }

    void sendRaw(String entity, byte[] key, byte[] value) {
        TestInputTopic<byte[], byte[]> in = driver.createInputTopic(TOPICS.changes(entity).name(),
                new ByteArraySerializer(), new ByteArraySerializer(), start, Duration.ZERO);
        in.pipeInput(key, value);
    }

    /** A snapshot row of a run, as the JDBC extractor writes it (source block and headers). */
    void sendSnapshot(String entity, JsonNode key, ObjectNode row, String runId, boolean forced) {
        Headers headers = new RecordHeaders();
        PipelineHeaders.set(headers, PipelineHeaders.RUN_ID, runId);
        PipelineHeaders.set(headers, PipelineHeaders.FORCED, Boolean.toString(forced));
        ChangeEvent event = new ChangeEvent(null, row, Op.READ, start.toEpochMilli(), new Source("1", Source.JDBC_CONNECTOR,
                "consinco", start.toEpochMilli(), "true", null, null, "VW", entity, null, runId, forced));
        send(entity, key, event, headers);
    }

    void sendRunEnd(String entity, String runId, long rows) {
        sendRunEnd(entity, runId, rows, false);
    }

    /** @param confirmDeletes as {@code POST /{entidade}/sincronizar?confirmarExclusoes=true} marks it */
    void sendRunEnd(String entity, String runId, long rows, boolean confirmDeletes) {
        Headers headers = new RecordHeaders();
        PipelineHeaders.set(headers, PipelineHeaders.CONTROL, PipelineHeaders.RUN_END);
        PipelineHeaders.set(headers, PipelineHeaders.RUN_ID, runId);
        if (confirmDeletes) {
            PipelineHeaders.set(headers, PipelineHeaders.CONFIRM_DELETES, "true");
        }
        send(entity, RunEndMarker.key(0), RunEndMarker.value(entity, "VW", runId, false, rows), headers);
    }

    /** The marker the extractor writes on every partition before a run's first row. */
    void sendRunStart(String entity, String runId) {
        Headers headers = new RecordHeaders();
        PipelineHeaders.set(headers, PipelineHeaders.CONTROL, PipelineHeaders.RUN_START);
        PipelineHeaders.set(headers, PipelineHeaders.RUN_ID, runId);
        send(entity, RunEndMarker.key(0, PipelineHeaders.RUN_START),
                RunEndMarker.value(entity, "VW", runId, false, 0, PipelineHeaders.RUN_START), headers);
    }

    /** A snapshot row of a run with its trigger header ({@code manual}, {@code nightly}, {@code poll}, {@code initial}). */
    void sendSnapshot(String entity, JsonNode key, ObjectNode row, String runId, boolean forced, String trigger) {
        Headers headers = new RecordHeaders();
        PipelineHeaders.set(headers, PipelineHeaders.RUN_ID, runId);
        PipelineHeaders.set(headers, PipelineHeaders.FORCED, Boolean.toString(forced));
        PipelineHeaders.set(headers, PipelineHeaders.TRIGGER, trigger);
        ChangeEvent event = new ChangeEvent(null, row, Op.READ, start.toEpochMilli(), new Source("1", Source.JDBC_CONNECTOR,
                "consinco", start.toEpochMilli(), "true", null, null, "VW", entity, null, runId, forced));
        send(entity, key, event, headers);
    }

    /** What the sink writes to plusoft.&lt;entidade&gt;.dlq when Plusoft refuses a record: its key and payload, as sent. */
    void sendSinkDeadLetter(String entity, String plusoftKey, String payload, Duration after) {
        TestInputTopic<String, String> in = driver.createInputTopic(TOPICS.payloadDeadLetters(entity).name(),
                new org.apache.kafka.common.serialization.StringSerializer(), new org.apache.kafka.common.serialization.StringSerializer());
        in.pipeInput(new TestRecord<>(plusoftKey, payload, new RecordHeaders(), start.plus(after)));
    }

    static ChangeEvent upsert(ObjectNode after) {
        return new ChangeEvent(null, after, Op.UPDATE, 1L, new Source("1", Source.JDBC_CONNECTOR, "consinco", 1L, "false",
                null, null, "VW", null, null, null, null));
    }

    static ChangeEvent delete(ObjectNode before) {
        return new ChangeEvent(before, null, Op.DELETE, 1L, null);
    }

    static ObjectNode json(String text) {
        return (ObjectNode) Json.mapper().readTree(text);
    }

    /** A multi-line JSON literal as one compact line (no newline may sit inside a string). */
    static String compact(String text) {
        return text.strip().replaceAll("\\n\\s*", "");
    }

    // ---- output ----

    List<TestRecord<String, String>> payloads(String entity) {
        return raw(TOPICS.payloads(entity).name());
    }

    List<TestRecord<String, String>> deadLetters(String entity) {
        return raw(TOPICS.changeDeadLetters(entity).name());
    }

    List<TestRecord<String, RunEvent>> runEvents() {
        TestOutputTopic<String, RunEvent> out = driver.createOutputTopic(TOPICS.runEvents().name(),
                new StringDeserializer(), JsonSerdes.runEvent().deserializer());
        return out.readRecordsToList();
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
