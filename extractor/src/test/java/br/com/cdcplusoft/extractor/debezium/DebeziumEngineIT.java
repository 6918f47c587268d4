package br.com.cdcplusoft.extractor.debezium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import br.com.cdcplusoft.core.envelope.ChangeEvent;
import br.com.cdcplusoft.core.envelope.Op;
import br.com.cdcplusoft.core.json.Json;
import br.com.cdcplusoft.core.json.JsonSerdes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import tools.jackson.databind.JsonNode;

/**
 * The real Debezium PostgreSQL connector (pgoutput) in the embedded engine, against the machine's
 * PostgreSQL 15 (.ci/postgres.sh configures it), publishing to an in-process Kafka broker.
 *
 * <p>The test tables mirror Consinco's: upper-case quoted names, {@code REPLICA IDENTITY FULL} (as
 * Oracle's supplemental logging of all columns: deletes and updates carry the whole old row),
 * {@code timestamp(0)} for Oracle's {@code DATE}, exact {@code numeric} amounts.
 *
 * <p>Skips when PostgreSQL is not reachable, unless {@code PIPELINE_REQUIRE_POSTGRES} is set (CI),
 * in which case it fails.
 */
@EmbeddedKafka(partitions = 1, topics = {DebeziumEngineIT.MARCA_TOPIC, DebeziumEngineIT.ITEM_TOPIC, DebeziumEngineIT.SIGNAL_TOPIC})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DebeziumEngineIT {

    static final String MARCA_TOPIC = "consinco.base.MAP_MARCA";
    static final String ITEM_TOPIC = "consinco.base.MFL_DFITEM";
    static final String SIGNAL_TOPIC = "debezium.signals.it";
    private static final String TOPIC_PREFIX = "consinco";
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final String schema = "dbz_it_" + run;
    private final String slot = "dbz_it_" + run;
    private final String publication = "dbz_it_pub_" + run;

    private final List<ConsumerRecord<String, String>> received = new CopyOnWriteArrayList<>();
    private PGSimpleDataSource dataSource;
    private Producer<byte[], byte[]> producer;
    private KafkaProducer<String, String> signalProducer;
    private KafkaConsumer<String, String> consumer;
    private EmbeddedDebezium engine;

    @BeforeAll
    void startEngine(EmbeddedKafkaBroker broker) throws SQLException {
        dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {env("PG_IT_HOST", "127.0.0.1")});
        dataSource.setPortNumbers(new int[] {Integer.parseInt(env("PG_IT_PORT", "5432"))});
        dataSource.setDatabaseName(env("PG_IT_DB", "cdc_it"));
        dataSource.setUser(env("PG_IT_USER", "cdc_it"));
        dataSource.setPassword(env("PG_IT_PASSWORD", "cdc_it"));
        requirePostgres();

        sql("CREATE SCHEMA " + schema,
                "CREATE TABLE " + schema + ".\"MAP_MARCA\" (\"SEQMARCA\" bigint PRIMARY KEY, \"MARCA\" varchar(40) NOT NULL,"
                        + " \"DTAHORALTERACAO\" timestamp(0))",
                "CREATE TABLE " + schema + ".\"MFL_DFITEM\" (\"SEQNF\" bigint NOT NULL, \"SEQPRODUTO\" bigint NOT NULL,"
                        + " \"QUANTIDADE\" numeric(12,3) NOT NULL, \"VLRITEM\" numeric(12,2) NOT NULL,"
                        + " PRIMARY KEY (\"SEQNF\", \"SEQPRODUTO\"))",
                "ALTER TABLE " + schema + ".\"MAP_MARCA\" REPLICA IDENTITY FULL",
                "ALTER TABLE " + schema + ".\"MFL_DFITEM\" REPLICA IDENTITY FULL",
                "CREATE TABLE " + schema + ".debezium_signal (id varchar(42) PRIMARY KEY, type varchar(32) NOT NULL, data varchar(2048))",
                "INSERT INTO " + schema + ".\"MAP_MARCA\" VALUES (1, 'Marca Um', TIMESTAMP '2025-03-01 14:32:00')");

        String bootstrap = broker.getBrokersAsString();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new ByteArraySerializer(), new ByteArraySerializer());
        signalProducer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(), new StringSerializer());
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + run, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(MARCA_TOPIC, ITEM_TOPIC));

        DebeziumEngineSettings settings = new DebeziumEngineSettings(true, Map.of("MAP_MARCA", "base.MAP_MARCA",
                "MFL_DFITEM", "base.MFL_DFITEM"), Map.ofEntries(
                Map.entry("name", "it-" + run),
                Map.entry("connector.class", "io.debezium.connector.postgresql.PostgresConnector"),
                Map.entry("database.hostname", dataSource.getServerNames()[0]),
                Map.entry("database.port", Integer.toString(dataSource.getPortNumbers()[0])),
                Map.entry("database.dbname", dataSource.getDatabaseName()),
                Map.entry("database.user", dataSource.getUser()),
                Map.entry("database.password", dataSource.getPassword()),
                Map.entry("plugin.name", "pgoutput"),
                Map.entry("slot.name", slot),
                Map.entry("publication.name", publication),
                Map.entry("publication.autocreate.mode", "filtered"),
                Map.entry("schema.include.list", schema),
                Map.entry("table.include.list", schema + ".MAP_MARCA," + schema + ".MFL_DFITEM," + schema + ".debezium_signal"),
                Map.entry("signal.enabled.channels", "source,kafka"),
                Map.entry("signal.data.collection", schema + ".debezium_signal"),
                Map.entry("signal.kafka.topic", SIGNAL_TOPIC),
                Map.entry("signal.kafka.bootstrap.servers", bootstrap),
                Map.entry("signal.kafka.groupId", "it-signals-" + run),
                // the signal processor looks at its channels every 5 s by default; the consumer's
                // group handshake takes several rounds, so poll faster here
                Map.entry("signal.poll.interval.ms", "300"),
                Map.entry("offset.storage.topic", "it.offsets." + run)), Duration.ofSeconds(30));
        engine = new EmbeddedDebezium(EngineProperties.build(settings, bootstrap),
                new EnginePublisher(producer, new TableRoutes("consinco.", settings.tables()), settings.sendTimeout()));
        engine.start();
    }

    @Test
    @Order(1)
    void initialSnapshotReadsTheExistingRow() {
        ConsumerRecord<String, String> record = awaitRecord(MARCA_TOPIC, r -> op(r) == Op.READ && seq(r, "SEQMARCA") == 1);

        assertThat(Json.mapper().readTree(record.key())).isEqualTo(Json.mapper().readTree("{\"SEQMARCA\":1}"));
        ChangeEvent event = event(record);
        assertThat(event.before()).isNull();
        assertThat(event.after().get("MARCA").asString()).isEqualTo("Marca Um");
        // timestamp(0), like Oracle's DATE: epoch milliseconds of the local wall-clock time read as UTC
        assertThat(event.after().get("DTAHORALTERACAO").asLong())
                .isEqualTo(LocalDateTime.of(2025, 3, 1, 14, 32).toInstant(ZoneOffset.UTC).toEpochMilli());
        assertThat(event.source().snapshot()).isIn("true", "first", "last", "first_in_data_collection", "last_in_data_collection");
        assertThat(event.source().table()).isEqualTo("MAP_MARCA");
        assertThat(Json.mapper().readTree(record.value()).has("schema")).as("converters run without schemas").isFalse();
    }

    @Test
    @Order(2)
    void insertUpdateAndDeleteBecomeCreateUpdateDeleteAndTombstone() throws SQLException {
        await().atMost(WAIT).until(engine::isPolling);
        sql("INSERT INTO " + schema + ".\"MAP_MARCA\" VALUES (2, 'Marca Dois', TIMESTAMP '2025-07-15 08:00:00')",
                "UPDATE " + schema + ".\"MAP_MARCA\" SET \"MARCA\" = 'Marca 2', \"DTAHORALTERACAO\" = TIMESTAMP '2025-07-15 09:30:00'"
                        + " WHERE \"SEQMARCA\" = 2",
                "DELETE FROM " + schema + ".\"MAP_MARCA\" WHERE \"SEQMARCA\" = 2");

        ChangeEvent created = event(awaitRecord(MARCA_TOPIC, r -> op(r) == Op.CREATE && seq(r, "SEQMARCA") == 2));
        assertThat(created.before()).isNull();
        assertThat(created.after().get("MARCA").asString()).isEqualTo("Marca Dois");

        ChangeEvent updated = event(awaitRecord(MARCA_TOPIC, r -> op(r) == Op.UPDATE && seq(r, "SEQMARCA") == 2));
        assertThat(updated.before().get("MARCA").asString()).isEqualTo("Marca Dois");
        assertThat(updated.after().get("MARCA").asString()).isEqualTo("Marca 2");
        assertThat(updated.after().get("DTAHORALTERACAO").asLong())
                .isEqualTo(LocalDateTime.of(2025, 7, 15, 9, 30).toInstant(ZoneOffset.UTC).toEpochMilli());

        ConsumerRecord<String, String> delete = awaitRecord(MARCA_TOPIC, r -> op(r) == Op.DELETE && seq(r, "SEQMARCA") == 2);
        ChangeEvent deleted = event(delete);
        assertThat(deleted.deletes()).isTrue();
        assertThat(deleted.after()).isNull();
        assertThat(deleted.before().get("MARCA").asString()).isEqualTo("Marca 2");

        ConsumerRecord<String, String> tombstone = awaitRecord(MARCA_TOPIC,
                r -> r.value() == null && r.offset() > delete.offset());
        assertThat(Json.mapper().readTree(tombstone.key())).isEqualTo(Json.mapper().readTree("{\"SEQMARCA\":2}"));
    }

    @Test
    @Order(3)
    void compositeKeysAndDecimalsStayExact() throws SQLException {
        await().atMost(WAIT).until(engine::isPolling);
        sql("INSERT INTO " + schema + ".\"MFL_DFITEM\" VALUES (900001, 10, 1.250, 12.90)");

        ConsumerRecord<String, String> record = awaitRecord(ITEM_TOPIC, r -> op(r) == Op.CREATE && seq(r, "SEQNF") == 900001);

        assertThat(Json.mapper().readTree(record.key()))
                .isEqualTo(Json.mapper().readTree("{\"SEQNF\":900001,\"SEQPRODUTO\":10}"));
        ChangeEvent event = event(record);
        // decimal.handling.mode=string: the scale survives (1.250, not 1.25), no binary rounding
        assertThat(event.after().get("QUANTIDADE").asString()).isEqualTo("1.250");
        assertThat(event.after().get("VLRITEM").asString()).isEqualTo("12.90");
    }

    @Test
    @Order(4)
    void kafkaSignalTriggersAnIncrementalSnapshot() {
        await().atMost(WAIT).until(engine::isPolling);
        DebeziumSignals signals = DebeziumSignals.viaKafka(signalProducer, SIGNAL_TOPIC, TOPIC_PREFIX, Duration.ofSeconds(10));

        String id = signals.executeIncrementalSnapshot(List.of(schema + ".MFL_DFITEM"));

        assertThat(id).startsWith(SIGNAL_TOPIC + "-0@");
        ChangeEvent event = event(awaitRecord(ITEM_TOPIC, r -> op(r) == Op.READ && seq(r, "SEQNF") == 900001));
        assertThat(event.source().snapshot()).isEqualTo("incremental");
        assertThat(event.after().get("VLRITEM").asString()).isEqualTo("12.90");
    }

    @Test
    @Order(5)
    void signalTableRowTriggersAnIncrementalSnapshot() {
        await().atMost(WAIT).until(engine::isPolling);
        DebeziumSignals signals = DebeziumSignals.viaTable(dataSource, schema + ".debezium_signal");

        signals.executeIncrementalSnapshot(List.of(schema + ".MAP_MARCA"));

        ChangeEvent event = event(awaitRecord(MARCA_TOPIC,
                r -> op(r) == Op.READ && seq(r, "SEQMARCA") == 1 && "incremental".equals(event(r).source().snapshot())));
        assertThat(event.after().get("MARCA").asString()).isEqualTo("Marca Um");
        assertThat(received).noneMatch(r -> r.topic().contains("debezium_signal"));
    }

    @AfterAll
    void stopEngineAndDropSlot() throws SQLException {
        if (engine != null) {
            engine.stop();
        }
        for (AutoCloseable c : new AutoCloseable[] {consumer, producer, signalProducer}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // closing test clients: nothing to assert
            }
        }
        if (dataSource == null || !reachable()) {
            return;
        }
        // the walsender lets go of the slot shortly after the engine closed its replication connection
        await().atMost(WAIT).until(() -> !slotActive());
        sql("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '" + slot + "'",
                "DROP PUBLICATION IF EXISTS " + publication,
                "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    private ConsumerRecord<String, String> awaitRecord(String topic, Predicate<ConsumerRecord<String, String>> match) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            return received.stream().filter(r -> r.topic().equals(topic)).filter(match).findFirst().orElse(null);
        }, Objects::nonNull);
    }

    private static ChangeEvent event(ConsumerRecord<String, String> record) {
        return record.value() == null ? null
                : JsonSerdes.changeEvent().deserializer().deserialize(record.topic(), record.value().getBytes());
    }

    private static Op op(ConsumerRecord<String, String> record) {
        ChangeEvent event = event(record);
        return event == null ? null : event.op();
    }

    private static long seq(ConsumerRecord<String, String> record, String column) {
        JsonNode key = Json.mapper().readTree(record.key());
        return key.has(column) ? key.get(column).asLong() : -1;
    }

    private void sql(String... statements) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private boolean slotActive() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT active FROM pg_replication_slots WHERE slot_name = '" + slot + "'")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    private void requirePostgres() {
        if (reachable()) {
            return;
        }
        String message = "PostgreSQL is not reachable at " + dataSource.getUrl() + " as " + dataSource.getUser()
                + ": run .ci/postgres.sh";
        if (System.getenv("PIPELINE_REQUIRE_POSTGRES") != null) {
            throw new IllegalStateException(message + " (PIPELINE_REQUIRE_POSTGRES is set)");
        }
        Assumptions.abort(message);
    }

    private boolean reachable() {
        try (Connection c = DriverManager.getConnection(dataSource.getUrl(), dataSource.getUser(), dataSource.getPassword())) {
            return c.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
