package br.com.cdcplusoft.mapper;

import br.com.cdcplusoft.boot.PipelineProperties;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import br.com.cdcplusoft.core.catalog.EntityCatalog;
import br.com.cdcplusoft.core.catalog.EntityDefinition;
import br.com.cdcplusoft.core.catalog.TopicCatalog;
import br.com.cdcplusoft.dev.demo.ConsincoDemoDatabase;
import br.com.cdcplusoft.dev.demo.DemoScale;
import br.com.cdcplusoft.core.document.BrazilianDocuments;
import br.com.cdcplusoft.core.envelope.ChangeEvent;
import br.com.cdcplusoft.core.envelope.Op;
import br.com.cdcplusoft.core.envelope.PipelineHeaders;
import br.com.cdcplusoft.core.envelope.RunEndMarker;
import br.com.cdcplusoft.core.envelope.Source;
import br.com.cdcplusoft.core.json.Json;
import br.com.cdcplusoft.core.json.JsonSerdes;
import br.com.cdcplusoft.core.run.RunEvent;
import br.com.cdcplusoft.mapping.MappingSpecs;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The whole application on a real in-process KRaft broker, exactly-once on: the demo database's
 * views are published as the JDBC extractor would (a snapshot run with its end markers), and the
 * Plusoft topics, the dead-letter topic and the runs topic are read back committed.
 */
@SpringBootTest(classes = MapperApplication.class, properties = {
        "spring.config.name=" + MapperApplication.CONFIG_NAME,
        "mapper.state-dir=target/it-streams/${random.uuid}",
        "mapper.run-report-interval=500ms"})
@EmbeddedKafka(count = 1, bootstrapServersProperty = "spring.kafka.bootstrap-servers", brokerProperties = {
        "transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1",
        "offsets.topic.replication.factor=1", "auto.create.topics.enable=false", "group.initial.rebalance.delay.ms=0"})
// closed after the class, while the broker still runs: at JVM exit Kafka's test utilities delete the
// broker's log directory concurrently with the context's shutdown, and a Streams commit then hangs
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MapperApplicationIT {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final long INVALID_CPF_SEQPESSOA = 900_001L;
    private static ConsincoDemoDatabase database;

    @Autowired
    KafkaProperties kafka;
    @Autowired
    MappingSpecs specs;

    private final EntityCatalog entities = PipelineProperties.defaults().catalog();
    private final TopicCatalog topics = TopicCatalog.defaults();
    private final Map<String, List<ConsumerRecord<String, String>>> received = new ConcurrentHashMap<>();
    private KafkaConsumer<String, String> consumer;
    private Thread reader;
    private volatile boolean reading = true;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws SQLException {
        database = ConsincoDemoDatabase.inMemory("mapper-it", DemoScale.TINY);
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            String base = "123456789";
            int wrong = (Integer.parseInt(BrazilianDocuments.cpfCheckDigits(base)) + 1) % 100;
            s.execute("INSERT INTO GE_PESSOA (SEQPESSOA, NOMERAZAO, FISICAJURIDICA, NROCGCCPF, DIGCGCCPF, STATUS) VALUES ("
                    + INVALID_CPF_SEQPESSOA + ", 'Cliente Com CPF Inválido', 'F', " + base + ", " + wrong + ", 'A')");
            s.execute("INSERT INTO MRL_CLIENTE (SEQPESSOA, STATUSCLIENTE) VALUES (" + INVALID_CPF_SEQPESSOA + ", 'A')");
        }
        // the start-up check reads the views' columns from this database
        registry.add("spring.datasource.url", database::url);
        registry.add("spring.datasource.username", () -> ConsincoDemoDatabase.USER);
        registry.add("spring.datasource.password", () -> ConsincoDemoDatabase.PASSWORD);
    }

    @BeforeAll
    void readOutputs() {
        Map<String, Object> props = kafka.buildConsumerProperties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-reader");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        List<String> names = new ArrayList<>();
        for (EntityDefinition e : entities.all()) {
            names.add(topics.payloads(e.name()).name());
            names.add(topics.changeDeadLetters(e.name()).name());
        }
        names.add(topics.runEvents().name());
        consumer.subscribe(names);
        reader = new Thread(() -> {
            while (reading) {
                consumer.poll(Duration.ofMillis(100)).forEach(r ->
                        received.computeIfAbsent(r.topic(), t -> new CopyOnWriteArrayList<>()).add(r));
            }
            consumer.close();
        }, "it-reader");
        reader.start();
    }

    @AfterAll
    void stop() throws InterruptedException {
        reading = false;
        reader.join(10_000);
        database.close();
    }

    @Test
    void snapshotRunsReachThePlusoftTopicsInTheirLayoutsAndOnlyRealChangesFollow() throws Exception {
        Map<String, Integer> rows = new ConcurrentHashMap<>();
        try (KafkaProducer<JsonNode, ChangeEvent> producer = producer()) {
            for (EntityDefinition entity : entities.all()) {
                rows.put(entity.name(), publishSnapshot(producer, entity, "it-run-1"));
            }
        }

        // every row mapped, in the documented layouts; the invalid CPF waits in the dead-letter topic
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            for (EntityDefinition entity : entities.all()) {
                int expected = rows.get(entity.name()) - (entity.name().equals("clientes") ? 1 : 0);
                assertThat(records(topics.payloads(entity.name()).name())).as(entity.name()).hasSize(expected);
            }
            assertThat(records(topics.changeDeadLetters("clientes").name())).hasSize(1);
        });
        for (EntityDefinition entity : entities.all()) {
            ConsumerRecord<String, String> any = records(topics.payloads(entity.name()).name()).get(0);
            assertThat(Json.mapper().readTree(any.value()).propertyNames()).as(entity.name())
                    .containsExactlyElementsOf(specs.fields(entity.name()));
            assertThat(new String(any.headers().lastHeader(PipelineHeaders.RUN_ID).value())).isEqualTo("it-run-1");
        }
        assertThat(records(topics.payloads("produtos").name()).get(0).key()).matches("\\{\"IDPRODUTO\":\\d+}");
        assertThat(records(topics.payloads("vendas").name()).get(0).key()).matches("\\{\"IDCUPOM\":\\d+,\"IDPRODUTO\":\\d+}");
        assertThat(records(topics.payloads("clientes").name()).get(0).key()).matches("\\{\"IDPESSOA\":\"\\d{11}(\\d{3})?\"}");
        JsonNode deadLetter = Json.mapper().readTree(records(topics.changeDeadLetters("clientes").name()).get(0).value());
        assertThat(deadLetter.get("field").asString()).isEqualTo("IDPESSOA");
        assertThat(deadLetter.get("reason").asString()).isEqualTo("is not a valid CPF (check digits do not match, or all digits are equal)");
        assertThat(deadLetter.get("event").get("after").get("SEQPESSOA").longValue()).isEqualTo(INVALID_CPF_SEQPESSOA);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(runTotals("it-run-1", "clientes", RunEvent.Kind.MAPPED)).isEqualTo(rows.get("clientes") - 1L);
            assertThat(runTotals("it-run-1", "clientes", RunEvent.Kind.MAPPER_DEAD_LETTERED)).isEqualTo(1L);
            assertThat(runTotals("it-run-1", "vendas", RunEvent.Kind.MAPPED)).isEqualTo(rows.get("vendas").longValue());
        });

        // next night: one product renamed, one deleted at the source; the whole table is read again
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE MAP_PRODUTO SET DESCCOMPLETA = 'Arroz Renomeado 5kg' WHERE SEQPRODUTO = 1");
            s.executeUpdate("DELETE FROM MAP_PRODUTO WHERE SEQPRODUTO = 50");
        }
        int before = records(topics.payloads("produtos").name()).size();
        try (KafkaProducer<JsonNode, ChangeEvent> producer = producer()) {
            publishSnapshot(producer, entities.get("produtos"), "it-run-2");
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(runTotals("it-run-2", "produtos", RunEvent.Kind.UNCHANGED)).isEqualTo(48L);
            assertThat(runTotals("it-run-2", "produtos", RunEvent.Kind.MAPPED)).isEqualTo(2L);
        });
        List<ConsumerRecord<String, String>> changes = records(topics.payloads("produtos").name()).subList(before,
                records(topics.payloads("produtos").name()).size());
        assertThat(changes).hasSize(2);
        ConsumerRecord<String, String> renamed = changes.stream().filter(r -> r.value() != null).findFirst().orElseThrow();
        assertThat(renamed.key()).isEqualTo("{\"IDPRODUTO\":1}");
        assertThat(Json.mapper().readTree(renamed.value()).get("TXTDESCRICAOCOMPLETA").asString()).isEqualTo("Arroz Renomeado 5kg");
        ConsumerRecord<String, String> deleted = changes.stream().filter(r -> r.value() == null).findFirst().orElseThrow();
        assertThat(deleted.key()).isEqualTo("{\"IDPRODUTO\":50}");
    }

    private List<ConsumerRecord<String, String>> records(String topic) {
        return received.getOrDefault(topic, List.of());
    }

    private long runTotals(String runId, String entity, RunEvent.Kind kind) {
        return records(topics.runEvents().name()).stream()
                .filter(r -> r.key().equals(runId))
                .map(r -> Json.mapper().readValue(r.value(), RunEvent.class))
                .filter(e -> e.entity().equals(entity) && e.kind() == kind)
                .collect(Collectors.summingLong(RunEvent::count));
    }

    private KafkaProducer<JsonNode, ChangeEvent> producer() {
        Map<String, Object> props = kafka.buildProducerProperties();
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(props, JsonSerdes.<JsonNode>serializer(), JsonSerdes.<ChangeEvent>serializer());
    }

    /** Publishes a view as a snapshot run, then the run's end marker on every partition; returns the rows. */
    private int publishSnapshot(KafkaProducer<JsonNode, ChangeEvent> producer, EntityDefinition entity, String runId) throws Exception {
        String topic = topics.changes(entity.name()).name();
        int count = 0;
        try (Connection c = database.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM " + entity.source())) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                ObjectNode row = Json.mapper().createObjectNode();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    Object v = rs.getObject(i);
                    String column = meta.getColumnLabel(i);
                    if (v instanceof Timestamp t) {
                        row.put(column, t.toLocalDateTime().format(LOCAL));
                    } else if (v instanceof Number n) {
                        row.put(column, new java.math.BigDecimal(n.toString()));
                    } else {
                        row.put(column, v == null ? null : v.toString());
                    }
                }
                ObjectNode key = Json.mapper().createObjectNode();
                entity.keyColumns().forEach(k -> key.set(k, row.get(k)));
                Source source = new Source("1", Source.JDBC_CONNECTOR, "consinco", 1L, "true", null, null, entity.source(),
                        entity.name(), null, runId, false);
                ProducerRecord<JsonNode, ChangeEvent> record = new ProducerRecord<>(topic, key,
                        new ChangeEvent(null, row, Op.READ, 1L, source));
                PipelineHeaders.set(record.headers(), PipelineHeaders.RUN_ID, runId);
                PipelineHeaders.set(record.headers(), PipelineHeaders.FORCED, "false");
                producer.send(record);
                count++;
            }
        }
        for (int p = 0; p < entity.partitions(); p++) {
            ProducerRecord<JsonNode, ChangeEvent> marker = new ProducerRecord<>(topic, p, RunEndMarker.key(p),
                    RunEndMarker.value(entity.name(), entity.source(), runId, false, count));
            PipelineHeaders.set(marker.headers(), PipelineHeaders.CONTROL, PipelineHeaders.RUN_END);
            PipelineHeaders.set(marker.headers(), PipelineHeaders.RUN_ID, runId);
            producer.send(marker);
        }
        producer.flush();
        return count;
    }
}
