package br.com.cdcplusoft.extractor;

import static br.com.cdcplusoft.dev.kafka.TopicContents.drain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import br.com.cdcplusoft.core.catalog.TopicCatalog;
import br.com.cdcplusoft.dev.demo.ConsincoDemoDatabase;
import br.com.cdcplusoft.dev.demo.DemoScale;
import br.com.cdcplusoft.core.envelope.ChangeEvent;
import br.com.cdcplusoft.core.envelope.Op;
import br.com.cdcplusoft.core.envelope.PipelineHeaders;
import br.com.cdcplusoft.core.envelope.RunEndMarker;
import br.com.cdcplusoft.core.json.JsonSerdes;
import br.com.cdcplusoft.core.run.RunEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;
import tools.jackson.databind.JsonNode;

/**
 * The JDBC extractor against a real in-process KRaft broker and H2 in Oracle mode: snapshots,
 * incremental polling with look-back, cursor persistence across restarts, start-up validation.
 */
@EmbeddedKafka(partitions = 3)
class ExtractorIT {

    private static final DemoScale SCALE = new DemoScale(3, 240, 60, 50);
    private static final TopicCatalog TOPICS = TopicCatalog.defaults();

    private static EmbeddedKafkaBroker broker;
    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

    @BeforeAll
    static void broker() {
        broker = EmbeddedKafkaCondition.getBroker();
    }

    @AfterEach
    void close() {
        contexts.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void snapshotPublishesExactlyOneEventPerRowThenAnEndMarkerOnEveryPartition() throws Exception {
        Fixture f = fixture();
        ConfigurableApplicationContext ctx = start(f);
        List<ConsumerRecord<JsonNode, ChangeEvent>> rows = await().atMost(Duration.ofSeconds(30))
                .until(() -> rowsOf(f.topic()), r -> r.size() >= SCALE.produtos());
        assertThat(rows).hasSize(SCALE.produtos());
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.value().op()).isEqualTo(Op.READ);
            assertThat(r.key().get("SEQPRODUTO").asLong()).isEqualTo(r.value().after().get("SEQPRODUTO").asLong());
            assertThat(PipelineHeaders.get(r.headers(), PipelineHeaders.RUN_ID)).isEqualTo(r.value().source().runId());
        });
        assertThat(rows.stream().map(r -> r.key().get("SEQPRODUTO").asLong()).collect(Collectors.toSet())).hasSize(SCALE.produtos());
        JsonNode first = rows.stream().filter(r -> r.key().get("SEQPRODUTO").asLong() == 1).findFirst().orElseThrow().value().after();
        assertThat(names(first)).containsExactly("SEQPRODUTO", "DESCCOMPLETA", "DESCREDUZIDA", "SEQFAMILIA", "FAMILIA",
                "PESAVEL", "SEQMARCA", "MARCA", "DTAHORINCLUSAO", "DTAHORALTERACAO");
        assertThat(first.get("DTAHORALTERACAO").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d");

        List<ConsumerRecord<JsonNode, ChangeEvent>> markers = await().atMost(Duration.ofSeconds(10))
                .until(() -> markersOf(f.topic()), m -> m.size() == 3);
        assertThat(markers).extracting(ConsumerRecord::partition).containsExactlyInAnyOrder(0, 1, 2);
        String runId = rows.get(0).value().source().runId();
        assertThat(markers).allSatisfy(m -> assertThat(m.value().source().runId()).isEqualTo(runId));

        List<RunEvent> runEvents = await().atMost(Duration.ofSeconds(10)).until(() -> runEvents(f, runId),
                events -> events.stream().anyMatch(e -> e.kind() == RunEvent.Kind.FINISHED));
        assertThat(runEvents.stream().filter(e -> e.kind() == RunEvent.Kind.PUBLISHED).mapToLong(RunEvent::count).sum())
                .isEqualTo(SCALE.produtos());
        assertThat(runEvents.stream().filter(e -> e.kind() == RunEvent.Kind.FINISHED).findFirst().orElseThrow().count())
                .isEqualTo(SCALE.produtos());
        ctx.close();
    }

    @Test
    void rowsInsertedAndUpdatedWhilePollingArriveAndALateRowInsideTheLookBackToo() throws Exception {
        Fixture f = fixture();
        start(f);
        await().atMost(Duration.ofSeconds(30)).until(() -> rowsOf(f.topic()).size() >= SCALE.produtos());
        LocalDateTime now = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        try (Connection c = f.db().connect()) {
            insertProduto(c, 9001, "Café Especial 250g", now);
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE MAP_PRODUTO SET DESCCOMPLETA = ?, DTAHORALTERACAO = ? WHERE SEQPRODUTO = 7")) {
                ps.setString(1, "Feijão Preto 1kg Renomeado");
                ps.setTimestamp(2, Timestamp.valueOf(now.plusSeconds(1)));
                ps.executeUpdate();
            }
        }
        List<ConsumerRecord<JsonNode, ChangeEvent>> changes = await().atMost(Duration.ofSeconds(15))
                .until(() -> polled(f.topic()), r -> r.size() >= 2);
        assertThat(changes).extracting(r -> r.key().get("SEQPRODUTO").asLong()).containsExactlyInAnyOrder(9001L, 7L);
        assertThat(changes.stream().filter(r -> r.key().get("SEQPRODUTO").asLong() == 7).findFirst().orElseThrow()
                .value().after().get("DESCCOMPLETA").asString()).isEqualTo("Feijão Preto 1kg Renomeado");

        // committed late: its cursor is older than the stored one, but inside the 5-minute look-back
        try (Connection c = f.db().connect()) {
            insertProduto(c, 9002, "Pão de Queijo Congelado", now.minusMinutes(2));
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> polled(f.topic()).stream()
                .anyMatch(r -> r.key().get("SEQPRODUTO").asLong() == 9002));
        // and nothing was published twice by the look-back re-reads
        List<ConsumerRecord<JsonNode, ChangeEvent>> all = polled(f.topic());
        assertThat(all).extracting(r -> r.key().get("SEQPRODUTO").asLong()).containsExactlyInAnyOrder(9001L, 7L, 9002L);
    }

    /**
     * Oracle DATE has one-second resolution: a row changed twice within the same second keeps its
     * cursor value. The second change must still be published (found by the look-back sweep, since
     * plain polls resume after the row's (cursor, key)), or its latest version never leaves Consinco.
     */
    @Test
    void aRowChangedTwiceWithinOneCursorSecondIsPublishedInBothVersions() throws Exception {
        Fixture f = fixture();
        start(f);
        await().atMost(Duration.ofSeconds(30)).until(() -> rowsOf(f.topic()).size() >= SCALE.produtos());
        LocalDateTime now = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        try (Connection c = f.db().connect()) {
            renameProduto(c, 7, "Versão 1", now);
            await().atMost(Duration.ofSeconds(15)).until(() -> descriptionsPolled(f, 7).contains("Versão 1"));
            renameProduto(c, 7, "Versão 2", now);
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> descriptionsPolled(f, 7).contains("Versão 2"));
        assertThat(descriptionsPolled(f, 7)).containsExactly("Versão 1", "Versão 2");
    }

    private static List<String> descriptionsPolled(Fixture f, long seqProduto) {
        return polled(f.topic()).stream().filter(r -> r.key().get("SEQPRODUTO").asLong() == seqProduto)
                .map(r -> r.value().after().get("DESCCOMPLETA").asString()).toList();
    }

    private static void renameProduto(Connection c, long seqProduto, String name, LocalDateTime changed) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE MAP_PRODUTO SET DESCCOMPLETA = ?, DTAHORALTERACAO = ? WHERE SEQPRODUTO = ?")) {
            ps.setString(1, name);
            ps.setTimestamp(2, Timestamp.valueOf(changed));
            ps.setLong(3, seqProduto);
            ps.executeUpdate();
        }
    }

    @Test
    void restartedExtractorResumesFromItsStoredCursorWithoutReEmittingEverything() throws Exception {
        Fixture f = fixture();
        ConfigurableApplicationContext first = start(f);
        await().atMost(Duration.ofSeconds(30)).until(() -> rowsOf(f.topic()).size() >= SCALE.produtos());
        await().atMost(Duration.ofSeconds(10)).until(() -> markersOf(f.topic()).size() == 3);
        first.close();

        LocalDateTime now = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        try (Connection c = f.db().connect()) {
            insertProduto(c, 9100, "Arroz Integral 1kg", now);
        }
        start(f);
        await().atMost(Duration.ofSeconds(20)).until(() -> polled(f.topic()).stream()
                .anyMatch(r -> r.key().get("SEQPRODUTO").asLong() == 9100));
        assertThat(rowsOf(f.topic()).stream().filter(r -> r.value().op() == Op.READ)).hasSize(SCALE.produtos());
        assertThat(markersOf(f.topic())).hasSize(3);
    }

    @Test
    void unknownColumnInTheCatalogStopsStartUpNamingEntityAndColumn() throws Exception {
        Fixture f = fixture();
        assertThatThrownBy(() -> start(f, "pipeline.entities.produtos.key-columns=SEQPRODUT"))
                .rootCause()
                .hasMessageContaining("entity 'produtos': key column 'SEQPRODUT' is not a column of VW_PLUSOFT_PRODUTO");
        assertThatThrownBy(() -> start(f, "pipeline.entities.clientes.cursor-column=DTAALTERADO"))
                .rootCause()
                .hasMessageContaining("entity 'clientes': cursor column 'DTAALTERADO' is not a column of VW_PLUSOFT_CLIENTE");
    }

    // --- fixture -------------------------------------------------------------------------------------

    private record Fixture(ConsincoDemoDatabase db, String prefix) {
        String topic() {
            return prefix + "produtos";
        }
    }

    private Fixture fixture() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        return new Fixture(ConsincoDemoDatabase.inMemory("extractor-" + id, SCALE), "consinco" + id + ".");
    }

    private ConfigurableApplicationContext start(Fixture f, String... extra) {
        ConfigurableApplicationContext ctx = new SpringApplicationBuilder(ExtractorApplication.class)
                .web(WebApplicationType.NONE)
                .properties("spring.config.name=" + ExtractorApplication.CONFIG_NAME)
                .run(args(f, extra));
        contexts.add(ctx);
        return ctx;
    }

    /** As command-line arguments: they outrank the module's yml, as the environment does in production. */
    private static String[] args(Fixture f, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                "--spring.datasource.url=" + f.db().url(),
                "--spring.datasource.username=" + ConsincoDemoDatabase.USER,
                "--spring.datasource.password=" + ConsincoDemoDatabase.PASSWORD,
                "--pipeline.topics.change-prefix=" + f.prefix(),
                "--pipeline.topics.runs=" + f.prefix() + "runs",
                "--pipeline.topics.cursors=" + f.prefix() + "cursors",
                "--pipeline.entities.produtos.poll-interval=200ms",
                "--extractor.entities=produtos",
                "--extractor.look-back-sweep-every=500ms"));
        for (String e : extra) {
            args.add("--" + e);
        }
        return args.toArray(String[]::new);
    }

    private static void insertProduto(Connection c, long seq, String name, LocalDateTime changed) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO MAP_PRODUTO (SEQPRODUTO, DESCCOMPLETA, DESCREDUZIDA,"
                + " SEQFAMILIA, DTAHORINCLUSAO, DTAHORALTERACAO) VALUES (?, ?, NULL, 1, ?, ?)")) {
            ps.setLong(1, seq);
            ps.setString(2, name);
            ps.setTimestamp(3, Timestamp.valueOf(changed));
            ps.setTimestamp(4, Timestamp.valueOf(changed));
            ps.executeUpdate();
        }
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }

    private static List<ConsumerRecord<JsonNode, ChangeEvent>> rowsOf(String topic) {
        return readAll(topic).stream().filter(r -> !RunEndMarker.isMarkerKey(r.key())).toList();
    }

    private static List<ConsumerRecord<JsonNode, ChangeEvent>> polled(String topic) {
        return rowsOf(topic).stream().filter(r -> r.value().op() == Op.UPDATE).toList();
    }

    private static List<ConsumerRecord<JsonNode, ChangeEvent>> markersOf(String topic) {
        return readAll(topic).stream().filter(r -> PipelineHeaders.isRunEnd(r.headers())).toList();
    }

    private static List<ConsumerRecord<JsonNode, ChangeEvent>> readAll(String topic) {
        try (KafkaConsumer<JsonNode, ChangeEvent> consumer = new KafkaConsumer<>(consumerProps(),
                JsonSerdes.jsonNode().deserializer(), JsonSerdes.changeEvent().deserializer())) {
            return drain(consumer, topic);
        }
    }

    private static List<RunEvent> runEvents(Fixture f, String runId) {
        try (KafkaConsumer<String, RunEvent> consumer = new KafkaConsumer<>(consumerProps(), new StringDeserializer(),
                JsonSerdes.runEvent().deserializer())) {
            return drain(consumer, f.prefix() + "runs").stream().filter(r -> runId.equals(r.key()))
                    .map(ConsumerRecord::value).toList();
        }
    }

    private static Properties consumerProps() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return p;
    }

    @SuppressWarnings("unused")
    private static Set<Long> keys(List<ConsumerRecord<JsonNode, ChangeEvent>> records) {
        return records.stream().map(r -> r.key().get("SEQPRODUTO").asLong()).collect(Collectors.toSet());
    }
}
