package br.com.cdcplusoft.extractor;

import static br.com.cdcplusoft.dev.kafka.TopicContents.drain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import br.com.cdcplusoft.core.catalog.EntityCatalog;
import br.com.cdcplusoft.dev.demo.ConsincoDemoDatabase;
import br.com.cdcplusoft.dev.demo.DemoScale;
import br.com.cdcplusoft.core.envelope.ChangeEvent;
import br.com.cdcplusoft.core.envelope.Op;
import br.com.cdcplusoft.core.envelope.PipelineHeaders;
import br.com.cdcplusoft.core.envelope.RunEndMarker;
import br.com.cdcplusoft.core.json.Json;
import br.com.cdcplusoft.core.json.JsonSerdes;
import br.com.cdcplusoft.core.run.RunEvent;
import br.com.cdcplusoft.source.jdbc.SourceRow;
import br.com.cdcplusoft.source.publish.ChangePublisher;
import br.com.cdcplusoft.source.snapshot.SnapshotService;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Nothing lost: a failed send stays with the poll batch or run that made it, whoever flushes in
 * between; a backlog is polled and acknowledged chunk by chunk; a change stamp in the future is
 * sent without carrying the cursor past the present. Against a real in-process broker, whose topic
 * setting {@code max.message.bytes} makes it refuse one entity's records, and H2 in Oracle mode.
 */
@EmbeddedKafka(partitions = 3)
@ExtendWith(OutputCaptureExtension.class)
class NothingLostIT {

    private static final DemoScale SCALE = new DemoScale(3, 120, 60, 20);

    private static EmbeddedKafkaBroker broker;
    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    private final List<ScheduledExecutorService> executors = new ArrayList<>();

    @BeforeAll
    static void broker() {
        broker = EmbeddedKafkaCondition.getBroker();
    }

    @AfterEach
    void close() {
        executors.forEach(ScheduledExecutorService::shutdownNow);
        contexts.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void aFailedSendBelongsToTheCallerThatMadeItNotToWhoeverFlushesNext() throws Exception {
        Fixture f = fixture();
        ConfigurableApplicationContext ctx = start(f, "extractor.polling-enabled=false");
        ChangePublisher publisher = ctx.getBean(ChangePublisher.class);
        EntityCatalog catalog = ctx.getBean(EntityCatalog.class);
        refuseRecords(f.topic("produtos"));

        ChangePublisher.Sends produtos = publisher.sends();
        ChangePublisher.Sends clientes = publisher.sends();
        produtos.publishChange(catalog.get("produtos"), row("SEQPRODUTO", 1));
        clientes.publishChange(catalog.get("clientes"), row("SEQPESSOA", 1));
        // the clientes flush also waits for the refused produtos record, but its failure is not the clientes'
        assertThatNoException().isThrownBy(clientes::flush);
        assertThatThrownBy(produtos::flush).isInstanceOf(ChangePublisher.PublishFailedException.class)
                .hasMessageContaining("publishing change events failed");
        // and it stays with its caller: a second flush cannot pretend the batch went through
        assertThatThrownBy(produtos::flush).isInstanceOf(ChangePublisher.PublishFailedException.class);
    }

    @Test
    void aPollWhoseSendFailsKeepsItsCursorWhileAnotherEntityPollsAndTheRowIsSentOnceKafkaTakesIt() throws Exception {
        Fixture f = fixture();
        start(f, "extractor.entities=produtos,clientes", "pipeline.entities.clientes.poll-interval=200ms");
        awaitInitialSnapshots(f);
        refuseRecords(f.topic("produtos"));
        // clientes keep changing and being flushed by their own poller meanwhile
        AtomicInteger clientesChanged = new AtomicInteger();
        ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
        executors.add(writer);
        writer.scheduleAtFixedRate(() -> {
            try (Connection c = f.db().connect(); PreparedStatement ps = c.prepareStatement("UPDATE GE_PESSOA SET FANTASIA = ?,"
                    + " DATAHORAALTERACAO = ? WHERE SEQPESSOA IN (SELECT SEQPESSOA FROM VW_PLUSOFT_CLIENTE WHERE SEQPESSOA <= 3)")) {
                ps.setString(1, "F" + clientesChanged.incrementAndGet());
                ps.setTimestamp(2, Timestamp.valueOf(LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS)));
                ps.executeUpdate();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, 0, 100, TimeUnit.MILLISECONDS);

        LocalDateTime changed = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        updateProduto(f, 7, "Feijão Preto 1kg Renomeado", changed);
        // clientes go on being published while the produtos poller fails poll after poll
        int before = polled(f.topic("clientes")).size();
        await().atMost(Duration.ofSeconds(20)).until(() -> polled(f.topic("clientes")).size() >= before + 5);
        assertThat(polled(f.topic("produtos"))).isEmpty();
        assertThat(cursor(f, "produtos")).isBefore(changed);

        acceptRecords(f.topic("produtos"));
        await().atMost(Duration.ofSeconds(20)).until(() -> polled(f.topic("produtos")).stream()
                .anyMatch(r -> r.key().get("SEQPRODUTO").asLong() == 7));
        await().atMost(Duration.ofSeconds(10)).until(() -> !cursor(f, "produtos").isBefore(changed));
    }

    @Test
    void aSnapshotRunWithARefusedRowWritesNoEndMarkerAndIsReportedFailedThenARetryCompletes() throws Exception {
        Fixture f = fixture();
        ConfigurableApplicationContext ctx = start(f, "extractor.polling-enabled=false");
        SnapshotService snapshots = ctx.getBean(SnapshotService.class);
        refuseRecords(f.topic("produtos"));

        assertThatThrownBy(() -> snapshots.runNow("produtos", false, "manual"))
                .isInstanceOf(ChangePublisher.PublishFailedException.class);
        List<RunEvent> failed = await().atMost(Duration.ofSeconds(10)).until(() -> runEvents(f),
                events -> events.stream().anyMatch(e -> e.kind() == RunEvent.Kind.FAILED));
        String failedRun = failed.stream().filter(e -> e.kind() == RunEvent.Kind.FAILED).findFirst().orElseThrow().runId();
        assertThat(failed).noneMatch(e -> e.kind() == RunEvent.Kind.FINISHED);

        acceptRecords(f.topic("produtos"));
        assertThat(snapshots.runNow("produtos", false, "manual")).isEqualTo(SCALE.produtos());
        List<ConsumerRecord<JsonNode, ChangeEvent>> markers = readAll(f.topic("produtos")).stream()
                .filter(r -> PipelineHeaders.isRunEnd(r.headers())).toList();
        assertThat(markers).hasSize(3).noneMatch(m -> failedRun.equals(m.value().source().runId()));
        assertThat(runEvents(f)).anyMatch(e -> e.kind() == RunEvent.Kind.FINISHED && e.count() == SCALE.produtos());
    }

    @Test
    void aBacklogIsPolledChunkByChunkAndTheCursorIsStoredAfterEachAcknowledgedChunk() throws Exception {
        Fixture f = fixture();
        start(f, "extractor.entities=produtos", "pipeline.entities.produtos.chunk-size=50");
        awaitInitialSnapshots(f);
        int savesBefore = positions(f, "produtos").size();
        // a price job touching 300 products in one transaction: one change stamp, after the stored cursor
        LocalDateTime stamp = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        try (Connection c = f.db().connect()) {
            c.setAutoCommit(false);
            for (int i = 0; i < 300; i++) {
                insertProduto(c, 20_000 + i, "Produto em lote " + i, stamp);
            }
            c.commit();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> polled(f.topic("produtos")).size() >= 300);
        List<JsonNode> saved = positions(f, "produtos").stream().skip(savesBefore).toList();
        // one poll read the 300 rows in six chunks of 50: the position after each chunk was stored, in order
        assertThat(saved).extracting(p -> p.get("cursor").asString()).containsOnly(stamp.toString());
        assertThat(saved).extracting(p -> p.get("key").get("SEQPRODUTO").asLong())
                .containsExactly(20_049L, 20_099L, 20_149L, 20_199L, 20_249L, 20_299L);
    }

    @Test
    void aChangeStampInTheFutureIsSentButTheCursorStopsAtThePresentSoLaterChangesStillArrive(CapturedOutput output)
            throws Exception {
        Fixture f = fixture();
        start(f, "extractor.entities=produtos");
        awaitInitialSnapshots(f);
        updateProduto(f, 8, "Arroz Integral 5kg", LocalDateTime.of(2099, 1, 1, 0, 0));
        await().atMost(Duration.ofSeconds(15)).until(() -> polled(f.topic("produtos")).stream()
                .anyMatch(r -> r.key().get("SEQPRODUTO").asLong() == 8));
        LocalDateTime later = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        updateProduto(f, 9, "Macarrão Espaguete 500g", later);
        await().atMost(Duration.ofSeconds(15)).until(() -> polled(f.topic("produtos")).stream()
                .anyMatch(r -> r.key().get("SEQPRODUTO").asLong() == 9));
        assertThat(cursor(f, "produtos")).isBefore(LocalDateTime.now().plusMinutes(1)).isAfterOrEqualTo(later);
        assertThat(cursorSaves(f, "produtos")).allMatch(c -> c.getYear() < 2099);
        // sent once, not again by every later poll that re-reads it
        assertThat(polled(f.topic("produtos"))).filteredOn(r -> r.key().get("SEQPRODUTO").asLong() == 8).hasSize(1);
        assertThat(output.getAll()).contains("Entity produtos: row {\"SEQPRODUTO\":8} has a change stamp 2099-01-01T00:00"
                + " after the database's present");
    }

    /**
     * A customer row whose only stamp is the date-only DTAALTERACAO: changed today, the view stamps it
     * today at 00:00, hours behind the cursor. The catalog's clientes look-back (pipeline-defaults.yml,
     * not overridden here) must reach back that far for polling to send it.
     */
    @Test
    void aCustomerChangedTodayWithOnlyTheDateOnlyStampIsPolledWithTheDefaultLookBack() throws Exception {
        Fixture f = fixture();
        start(f, "extractor.entities=clientes", "pipeline.entities.clientes.poll-interval=200ms");
        await().atMost(Duration.ofSeconds(30)).until(() -> !cursorSaves(f, "clientes").isEmpty());
        long seq;
        try (Connection c = f.db().connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT MIN(SEQPESSOA) FROM VW_PLUSOFT_CLIENTE"); var rs = ps.executeQuery()) {
            rs.next();
            seq = rs.getLong(1);
        }
        try (Connection c = f.db().connect(); PreparedStatement ps = c.prepareStatement("UPDATE GE_PESSOA SET FANTASIA = 'Mercadinho',"
                + " DATAHORAALTERACAO = NULL, DTAALTERACAO = ? WHERE SEQPESSOA = ?")) {
            ps.setTimestamp(1, Timestamp.valueOf(LocalDateTime.now().truncatedTo(ChronoUnit.DAYS)));
            ps.setLong(2, seq);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> polled(f.topic("clientes")).stream()
                .anyMatch(r -> r.key().get("SEQPESSOA").asLong() == seq && "Mercadinho".equals(r.value().after().get("FANTASIA").asString())));
    }

    // ---------------------------------------------------------------------------------------------

    private record Fixture(ConsincoDemoDatabase db, String prefix) {
        String topic(String entity) {
            return prefix + entity;
        }
    }

    private Fixture fixture() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        return new Fixture(ConsincoDemoDatabase.inMemory("lost-" + id, SCALE), "consinco" + id + ".");
    }

    private ConfigurableApplicationContext start(Fixture f, String... extra) throws Exception {
        createTopics(f);
        List<String> args = new ArrayList<>(List.of(
                "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                "--spring.datasource.url=" + f.db().url(),
                "--spring.datasource.username=" + ConsincoDemoDatabase.USER,
                "--spring.datasource.password=" + ConsincoDemoDatabase.PASSWORD,
                "--pipeline.topics.change-prefix=" + f.prefix(),
                "--pipeline.topics.runs=" + f.prefix() + "runs",
                "--pipeline.topics.cursors=" + f.prefix() + "cursors",
                "--pipeline.entities.produtos.poll-interval=200ms",
                "--extractor.look-back-sweep-every=500ms"));
        for (String e : extra) {
            args.add("--" + e);
        }
        ConfigurableApplicationContext ctx = new SpringApplicationBuilder(ExtractorApplication.class)
                .web(WebApplicationType.NONE)
                .properties("spring.config.name=" + ExtractorApplication.CONFIG_NAME)
                .run(args.toArray(String[]::new));
        contexts.add(ctx);
        return ctx;
    }

    /**
     * The fixture's topics, created and led before the extractor starts: a send to a partition whose
     * leader the in-process broker is still electing can leave the idempotent producer out of sequence.
     */
    private static void createTopics(Fixture f) throws Exception {
        List<String> names = List.of(f.topic("filiais"), f.topic("produtos"), f.topic("clientes"), f.topic("vendas"),
                f.prefix() + "runs", f.prefix() + "cursors");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
            admin.createTopics(names.stream().map(n -> new NewTopic(n, n.endsWith("cursors") ? 1 : 3, (short) 1)).toList()).all().get();
            await().atMost(Duration.ofSeconds(30)).until(() -> admin.describeTopics(names).allTopicNames().get().values().stream()
                    .allMatch(t -> t.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())));
        }
    }

    private static void awaitInitialSnapshots(Fixture f) {
        await().atMost(Duration.ofSeconds(90)).until(() -> runEvents(f).stream().filter(e -> e.kind() == RunEvent.Kind.FINISHED)
                .count() >= 1 && !cursorSaves(f, "produtos").isEmpty());
    }

    /** The broker refuses every record of the topic from now on (a record larger than it accepts). */
    private static void refuseRecords(String topic) throws Exception {
        alter(topic, new AlterConfigOp(new ConfigEntry("max.message.bytes", "64"), AlterConfigOp.OpType.SET));
    }

    private static void acceptRecords(String topic) throws Exception {
        alter(topic, new AlterConfigOp(new ConfigEntry("max.message.bytes", ""), AlterConfigOp.OpType.DELETE));
    }

    private static void alter(String topic, AlterConfigOp op) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            admin.incrementalAlterConfigs(Map.<ConfigResource, Collection<AlterConfigOp>>of(resource, List.of(op))).all().get();
            String expected = op.opType() == AlterConfigOp.OpType.SET ? op.configEntry().value() : null;
            // the broker applies topic settings asynchronously: wait until it reports the new one
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                ConfigEntry entry = admin.describeConfigs(List.of(resource)).all().get().get(resource).get("max.message.bytes");
                return expected == null ? entry.source() != ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG
                        : expected.equals(entry.value());
            });
        }
    }

    private static SourceRow row(String keyColumn, long id) {
        ObjectNode key = Json.mapper().createObjectNode().put(keyColumn, id);
        ObjectNode row = key.deepCopy().put("DESCRICAO", "linha de teste com texto suficiente para passar de 64 bytes");
        return new SourceRow(key, row, LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS));
    }

    private static void updateProduto(Fixture f, long seq, String name, LocalDateTime changed) throws Exception {
        try (Connection c = f.db().connect(); PreparedStatement ps = c.prepareStatement(
                "UPDATE MAP_PRODUTO SET DESCCOMPLETA = ?, DTAHORALTERACAO = ? WHERE SEQPRODUTO = ?")) {
            ps.setString(1, name);
            ps.setTimestamp(2, Timestamp.valueOf(changed));
            ps.setLong(3, seq);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
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

    /** The latest stored cursor of the entity. */
    private static LocalDateTime cursor(Fixture f, String entity) {
        List<LocalDateTime> saves = cursorSaves(f, entity);
        return saves.get(saves.size() - 1);
    }

    /** Every cursor the extractor stored for the entity, oldest first. */
    private static List<LocalDateTime> cursorSaves(Fixture f, String entity) {
        return positions(f, entity).stream().map(p -> LocalDateTime.parse(p.get("cursor").asString())).toList();
    }

    /** Every position ({"cursor":..., "key":...}) the extractor stored for the entity, oldest first. */
    private static List<JsonNode> positions(Fixture f, String entity) {
        try (KafkaConsumer<String, JsonNode> consumer = new KafkaConsumer<>(consumerProps(), new StringDeserializer(),
                JsonSerdes.jsonNode().deserializer())) {
            return drain(consumer, f.prefix() + "cursors").stream().filter(r -> entity.equals(r.key()) && r.value() != null)
                    .map(ConsumerRecord::value).toList();
        }
    }

    private static List<ConsumerRecord<JsonNode, ChangeEvent>> polled(String topic) {
        return readAll(topic).stream().filter(r -> !RunEndMarker.isMarkerKey(r.key()) && r.value().op() == Op.UPDATE).toList();
    }

    private static List<ConsumerRecord<JsonNode, ChangeEvent>> readAll(String topic) {
        try (KafkaConsumer<JsonNode, ChangeEvent> consumer = new KafkaConsumer<>(consumerProps(),
                JsonSerdes.jsonNode().deserializer(), JsonSerdes.changeEvent().deserializer())) {
            return drain(consumer, topic);
        }
    }

    private static List<RunEvent> runEvents(Fixture f) {
        try (KafkaConsumer<String, RunEvent> consumer = new KafkaConsumer<>(consumerProps(), new StringDeserializer(),
                JsonSerdes.runEvent().deserializer())) {
            return drain(consumer, f.prefix() + "runs").stream().map(ConsumerRecord::value).toList();
        }
    }

    private static Properties consumerProps() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return p;
    }
}
