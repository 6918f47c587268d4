package br.com.cdcplusoft.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import br.com.cdcplusoft.dev.demo.ConsincoDemoDatabase;
import br.com.cdcplusoft.dev.demo.DemoScale;
import br.com.cdcplusoft.core.json.Json;
import br.com.cdcplusoft.mapper.join.JoinTopology;
import br.com.cdcplusoft.dev.simulator.PlusoftSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.JsonNode;

/**
 * The whole pipeline in Debezium mode on a real database log: the embedded engine runs Debezium's
 * PostgreSQL connector (pgoutput) on the machine's PostgreSQL (.ci/postgres.sh), which holds the
 * eight Consinco base tables (upper-case names, {@code NUMERIC}, {@code TIMESTAMP(0)} for Oracle's
 * {@code DATE}, {@code REPLICA IDENTITY FULL} as Oracle's ALL COLUMNS supplemental logging), and the
 * mapper joins the base-table topics, the sink delivers to a real local HTTP receiver. After the
 * initial snapshot come live inserts, updates of both sides of each join (a brand and a family
 * renamed, a customer renamed, a coupon cancelled, an item and a product changed) and deletes.
 *
 * <p>The same final data, read from its integration views by the pipeline in JDBC mode (its own
 * broker and receiver), must leave the receiver with exactly the same payloads, identity by
 * identity. The base tables use PostgreSQL {@code NUMERIC} for every number, which the connector
 * writes as decimal strings ({@code decimal.handling.mode=string}), so keys reach Kafka through the
 * shared key cast and values through the readers' canonicalisation: the path an Oracle
 * unconstrained {@code NUMBER} takes.
 *
 * <p>Skips when PostgreSQL is not reachable, unless {@code PIPELINE_REQUIRE_POSTGRES} is set (CI).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DebeziumPipelineIT {

    static final String API_KEY = "chave-de-teste-debezium-0001";
    private static final DemoScale SCALE = new DemoScale(3, 40, 60, 90);
    private static final Duration WAIT = Duration.ofSeconds(180);
    private static final List<String> ENTITIES = List.of("filiais", "produtos", "clientes", "vendas");
    private static final HttpClient http = HttpClient.newHttpClient();

    private final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final String schema = "dbz_e2e_" + run;
    private final Path work = Path.of("target", "debezium-it-" + run);

    private String pgUrl;
    private String pgUser;
    private String pgPassword;
    private ConsincoDemoDatabase views;
    private EmbeddedKafkaBroker debeziumBroker;
    private PlusoftSimulator debeziumReceiver;
    private StandaloneApplication debezium;
    String gateway;

    @BeforeAll
    void start() throws Exception {
        pgUrl = "jdbc:postgresql://" + env("PG_IT_HOST", "127.0.0.1") + ":" + env("PG_IT_PORT", "5432") + "/" + env("PG_IT_DB", "cdc_it");
        pgUser = env("PG_IT_USER", "cdc_it");
        pgPassword = env("PG_IT_PASSWORD", "cdc_it");
        requirePostgres();

        // the demo data in H2 (the integration views, for the JDBC mode), copied into PostgreSQL's base tables
        views = ConsincoDemoDatabase.inMemory("debezium-it-" + run, SCALE);
        copyBaseTables();

        debeziumBroker = broker();
        debeziumReceiver = PlusoftSimulator.start(0).requireBearer("token-de-teste");
        debezium = StandaloneApplication.start(args(debeziumBroker, debeziumReceiver, "debezium",
                "--extractor.mode=debezium",
                "--mapper.mode=debezium",
                "--gateway.mode=debezium",
                "--gateway.debezium.signal-topic=consinco.signals",
                "--gateway.debezium.data-collection-prefix=" + schema,
                "--extractor.debezium.engine.name=e2e-" + run,
                "--extractor.debezium.engine.connector.class=io.debezium.connector.postgresql.PostgresConnector",
                "--extractor.debezium.engine.database.hostname=" + env("PG_IT_HOST", "127.0.0.1"),
                "--extractor.debezium.engine.database.port=" + env("PG_IT_PORT", "5432"),
                "--extractor.debezium.engine.database.dbname=" + env("PG_IT_DB", "cdc_it"),
                "--extractor.debezium.engine.database.user=" + pgUser,
                "--extractor.debezium.engine.database.password=" + pgPassword,
                "--extractor.debezium.engine.plugin.name=pgoutput",
                "--extractor.debezium.engine.slot.name=" + schema,
                "--extractor.debezium.engine.publication.name=" + schema + "_pub",
                "--extractor.debezium.engine.publication.autocreate.mode=filtered",
                "--extractor.debezium.engine.schema.include.list=" + schema,
                "--extractor.debezium.engine.table.include.list=" + tableIncludeList(),
                "--extractor.debezium.engine.signal.enabled.channels=source,kafka",
                "--extractor.debezium.engine.signal.data.collection=" + schema + ".debezium_signal",
                "--extractor.debezium.engine.signal.kafka.topic=consinco.signals",
                "--extractor.debezium.engine.signal.kafka.groupId=e2e-signals-" + run,
                "--extractor.debezium.engine.signal.poll.interval.ms=300",
                "--extractor.debezium.engine.notification.enabled.channels=sink",
                "--extractor.debezium.engine.notification.sink.topic.name=consinco.notifications",
                "--extractor.debezium.engine.offset.storage.topic=e2e.offsets." + run));
        gateway = "http://127.0.0.1:" + debezium.context(br.com.cdcplusoft.gateway.GatewayApplication.class)
                .getEnvironment().getProperty("local.server.port");
    }

    @Test
    @Order(1)
    void theInitialSnapshotDeliversEveryViewRow() {
        Map<String, Integer> rows = viewCounts();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (String entity : ENTITIES) {
                assertThat(debeziumReceiver.payloads(entity)).as(entity).hasSize(rows.get(entity));
            }
        });
    }

    @Test
    @Order(2)
    void afterLiveChangesTheReceiverHoldsExactlyWhatTheJdbcModeDeliversForTheSameData() throws Exception {
        change();

        EmbeddedKafkaBroker jdbcBroker = broker();
        try (PlusoftSimulator jdbcReceiver = PlusoftSimulator.start(0).requireBearer("token-de-teste");
             StandaloneApplication jdbc = StandaloneApplication.start(args(jdbcBroker, jdbcReceiver, "jdbc"))) {
            Map<String, Integer> rows = viewCounts();
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                for (String entity : ENTITIES) {
                    assertThat(jdbcReceiver.payloads(entity)).as("JDBC mode, " + entity).hasSize(rows.get(entity));
                }
            });
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                for (String entity : ENTITIES) {
                    Map<String, JsonNode> expected = jdbcReceiver.payloads(entity);
                    assertThat(debeziumReceiver.payloads(entity)).as("Debezium mode = JDBC mode, " + entity)
                            .containsExactlyEntriesOf(expected);
                }
            });
        } finally {
            jdbcBroker.destroy();
        }
        // the changes did reach the receiver (not only the snapshot)
        assertThat(debeziumReceiver.payload("produtos", "1").orElseThrow().get("TXTDESCRICAOMATERIALPAI").asString())
                .isEqualTo("FAMILIA RENOMEADA");
        assertThat(debeziumReceiver.payload("produtos", "5")).as("deleted product").isEmpty();
        assertThat(debeziumReceiver.payload("produtos", "10001")).as("inserted product").isPresent();
    }

    @Test
    @Order(3)
    void aReSyncAsksTheConnectorForAnIncrementalSnapshotAndFollowsItToCompletion() throws Exception {
        long produtos = viewCounts().get("produtos");
        long before = debeziumReceiver.counts("produtos").records();

        HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(URI.create(gateway + "/produtos/sincronizar?forcar=true"))
                .header("X-API-Key", API_KEY).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String location = accepted.headers().firstValue("Location").orElseThrow();
        JsonNode run = await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> Json.mapper().readTree(
                        http.send(HttpRequest.newBuilder(URI.create(location)).build(), HttpResponse.BodyHandlers.ofString()).body()),
                r -> "COMPLETED".equals(r.path("status").asString()) || "FAILED".equals(r.path("status").asString()));
        assertThat(run.path("status").asString()).as(run.toString()).isEqualTo("COMPLETED");
        assertThat(run.path("forced").asBoolean()).isTrue();
        // as in JDBC mode: every row of the table read, mapped and delivered again, though unchanged
        assertThat(run.path("counts").path("published").asLong()).as(run.toString()).isEqualTo(produtos);
        assertThat(run.path("counts").path("delivered").asLong()).as(run.toString()).isEqualTo(produtos);
        // the mapper reports its counts every run-report interval: they may trail the sink's for a moment
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertThat(Json.mapper()
                .readTree(http.send(HttpRequest.newBuilder(URI.create(location)).build(), HttpResponse.BodyHandlers.ofString()).body())
                .path("counts").path("mapped").asLong()).isEqualTo(produtos));
        assertThat(debeziumReceiver.counts("produtos").records() - before).isGreaterThanOrEqualTo(produtos);
        assertThat(run.path("extractedAt").isMissingNode() || run.path("extractedAt").isNull()).isFalse();

        // one run per entity at a time, as in JDBC mode; a finished one does not block the next
        HttpResponse<String> again = http.send(HttpRequest.newBuilder(URI.create(gateway + "/produtos/sincronizar"))
                .header("X-API-Key", API_KEY).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
    }

    /** Inserts, updates on both sides of every join, and deletes, applied alike to PostgreSQL and to the H2 views. */
    private void change() throws SQLException {
        List<String> statements = List.of(
                "UPDATE \"MAP_MARCA\" SET \"MARCA\" = 'Marca Renomeada', \"DTAHORALTERACAO\" = TIMESTAMP '2025-03-01 14:32:00' WHERE \"SEQMARCA\" = 2",
                "UPDATE \"MAP_FAMILIA\" SET \"FAMILIA\" = 'FAMILIA RENOMEADA', \"DTAHORALTERACAO\" = TIMESTAMP '2025-03-01 14:33:00'"
                        + " WHERE \"SEQFAMILIA\" = (SELECT \"SEQFAMILIA\" FROM \"MAP_PRODUTO\" WHERE \"SEQPRODUTO\" = 1)",
                "UPDATE \"MAP_PRODUTO\" SET \"DESCCOMPLETA\" = 'Produto Alterado 1kg', \"DTAHORALTERACAO\" = TIMESTAMP '2025-03-01 14:34:00'"
                        + " WHERE \"SEQPRODUTO\" = 3",
                "DELETE FROM \"MAP_PRODUTO\" WHERE \"SEQPRODUTO\" = 5",
                "INSERT INTO \"MAP_PRODUTO\" (\"SEQPRODUTO\", \"DESCCOMPLETA\", \"DESCREDUZIDA\", \"SEQFAMILIA\", \"DTAHORINCLUSAO\")"
                        + " VALUES (10001, 'Produto Novo 1kg', 'PRODUTO NOVO', 1, TIMESTAMP '2025-03-01 09:00:00')",
                "UPDATE \"GE_PESSOA\" SET \"NOMERAZAO\" = 'Cliente Renomeado da Silva', \"DATAHORAALTERACAO\" = TIMESTAMP '2025-03-01 14:35:00'"
                        + " WHERE \"SEQPESSOA\" = 1",
                "UPDATE \"GE_PESSOA\" SET \"STATUS\" = 'I' WHERE \"SEQPESSOA\" = 7",
                "DELETE FROM \"MRL_CLIENTE\" WHERE \"SEQPESSOA\" = 9",
                "UPDATE \"MFL_DOCTOFISCAL\" SET \"STATUSDF\" = 'C', \"DTACANCELAMENTO\" = TIMESTAMP '2025-03-02 10:00:00' WHERE \"SEQNF\" = 2",
                "UPDATE \"MFL_DFITEM\" SET \"VLRDESCONTO\" = 0.50 WHERE \"SEQNF\" = 5",
                "DELETE FROM \"MFL_DFITEM\" WHERE \"SEQNF\" = 4 AND \"SEQPRODUTO\" = (SELECT MIN(\"SEQPRODUTO\") FROM \"MFL_DFITEM\" WHERE \"SEQNF\" = 4)",
                "UPDATE \"MAX_EMPRESA\" SET \"NOMEREDUZIDO\" = 'LOJA 2 NOVA' WHERE \"NROEMPRESA\" = 2");
        try (Connection pg = postgres(); Statement onPg = pg.createStatement();
             Connection h2 = views.connect(); Statement onH2 = h2.createStatement()) {
            for (String sql : statements) {
                int changed = onH2.executeUpdate(sql);
                assertThat(changed).as(sql).isPositive();
                assertThat(onPg.executeUpdate(sql)).as("PostgreSQL: " + sql).isEqualTo(changed);
            }
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (debezium != null) {
            debezium.close();
        }
        if (debeziumReceiver != null) {
            debeziumReceiver.close();
        }
        if (debeziumBroker != null) {
            debeziumBroker.destroy();
        }
        if (views != null) {
            views.close();
        }
        if (pgUrl == null || !reachable()) {
            return;
        }
        // the walsender lets go of the slot shortly after the engine closed its replication connection
        await().atMost(Duration.ofSeconds(60)).until(() -> !slotActive());
        try (Connection c = postgres(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '" + schema + "'");
            s.execute("DROP PUBLICATION IF EXISTS " + schema + "_pub");
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    // ---- set-up ----

    private String[] args(EmbeddedKafkaBroker broker, PlusoftSimulator receiver, String name, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                "--spring.datasource.url=" + views.url(),
                "--spring.datasource.username=" + ConsincoDemoDatabase.USER,
                "--spring.datasource.password=" + ConsincoDemoDatabase.PASSWORD,
                "--plusoft.base-url=" + receiver.baseUri(),
                "--plusoft.auth.token=token-de-teste",
                "--plusoft.batch.linger=100ms",
                // both receivers forget what the source deleted, so that they can be compared row for row
                "--plusoft.entities.filiais.tombstone-action=delete",
                "--plusoft.entities.vendas.tombstone-action=delete",
                "--server.port=0",
                "--gateway.security.api-key=" + API_KEY,
                // the test follows its run by polling GET /sincronizacoes/{id}
                "--gateway.rate-limit.requests-per-period=100000",
                "--gateway.nightly.log-dir=" + work.resolve(name).resolve("Logs"),
                "--mapper.state-dir=" + work.resolve(name).resolve("streams")));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static EmbeddedKafkaBroker broker() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
        broker.brokerProperties(Map.of("transaction.state.log.replication.factor", "1", "transaction.state.log.min.isr", "1",
                "offsets.topic.replication.factor", "1", "group.initial.rebalance.delay.ms", "0"));
        broker.afterPropertiesSet();
        return broker;
    }

    private String tableIncludeList() {
        StringJoiner list = new StringJoiner(",");
        JoinTopology.TABLES.forEach(t -> list.add(schema + "." + t));
        list.add(schema + ".debezium_signal");
        return list.toString();
    }

    /** The eight base tables in PostgreSQL, typed from H2's metadata (Oracle's types), and their rows. */
    private void copyBaseTables() throws SQLException {
        try (Connection h2 = views.connect(); Connection pg = postgres(); Statement ddl = pg.createStatement()) {
            ddl.execute("CREATE SCHEMA " + schema);
            ddl.execute("SET search_path TO " + schema);
            ddl.execute("CREATE TABLE debezium_signal (id varchar(42) PRIMARY KEY, type varchar(32) NOT NULL, data varchar(2048))");
            for (String table : JoinTopology.TABLES) {
                List<String> columns = new ArrayList<>();
                StringJoiner create = new StringJoiner(", ", "CREATE TABLE \"" + table + "\" (", ")");
                try (Statement s = h2.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
                    ResultSetMetaData md = rs.getMetaData();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        String column = md.getColumnLabel(i);
                        columns.add(column);
                        create.add("\"" + column + "\" " + postgresType(md, i)
                                + (md.isNullable(i) == ResultSetMetaData.columnNoNulls ? " NOT NULL" : ""));
                    }
                }
                create.add("PRIMARY KEY (" + String.join(", ", primaryKey(h2, table).stream().map(c -> "\"" + c + "\"").toList()) + ")");
                ddl.execute(create.toString());
                ddl.execute("ALTER TABLE \"" + table + "\" REPLICA IDENTITY FULL");
                String insert = "INSERT INTO \"" + table + "\" VALUES (" + String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
                try (Statement s = h2.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table);
                     PreparedStatement ps = pg.prepareStatement(insert)) {
                    while (rs.next()) {
                        for (int i = 1; i <= columns.size(); i++) {
                            ps.setObject(i, rs.getObject(i) instanceof java.time.LocalDateTime ? rs.getTimestamp(i) : rs.getObject(i));
                        }
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
        }
    }

    private static String postgresType(ResultSetMetaData md, int column) throws SQLException {
        return switch (md.getColumnType(column)) {
            case Types.NUMERIC, Types.DECIMAL, Types.INTEGER, Types.BIGINT, Types.SMALLINT, Types.TINYINT ->
                    "numeric(" + md.getPrecision(column) + "," + Math.max(0, md.getScale(column)) + ")";
            case Types.DATE, Types.TIMESTAMP -> "timestamp(0)";
            case Types.CHAR -> "char(" + md.getPrecision(column) + ")";
            default -> "varchar(" + md.getPrecision(column) + ")";
        };
    }

    private static List<String> primaryKey(Connection c, String table) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        Map<Short, String> columns = new TreeMap<>();
        try (ResultSet rs = md.getPrimaryKeys(null, null, table)) {
            while (rs.next()) {
                columns.put(rs.getShort("KEY_SEQ"), rs.getString("COLUMN_NAME"));
            }
        }
        return new ArrayList<>(columns.values());
    }

    /** Rows of each integration view now: what each receiver must end with. */
    Map<String, Integer> viewCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        try (Connection c = views.connect(); Statement s = c.createStatement()) {
            for (String[] view : new String[][] {{"filiais", "VW_PLUSOFT_FILIAL"}, {"produtos", "VW_PLUSOFT_PRODUTO"},
                    {"clientes", "VW_PLUSOFT_CLIENTE"}, {"vendas", "VW_PLUSOFT_VENDA"}}) {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + view[1])) {
                    rs.next();
                    counts.put(view[0], rs.getInt(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return counts;
    }

    Connection postgres() throws SQLException {
        Connection c = DriverManager.getConnection(pgUrl, pgUser, pgPassword);
        try (Statement s = c.createStatement()) {
            s.execute("SET search_path TO " + schema + ", public");
        }
        return c;
    }

    private boolean slotActive() throws SQLException {
        try (Connection c = DriverManager.getConnection(pgUrl, pgUser, pgPassword); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT active FROM pg_replication_slots WHERE slot_name = '" + schema + "'")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    private void requirePostgres() {
        if (reachable()) {
            return;
        }
        String message = "PostgreSQL is not reachable at " + pgUrl + " as " + pgUser + ": run .ci/postgres.sh";
        if (System.getenv("PIPELINE_REQUIRE_POSTGRES") != null) {
            throw new IllegalStateException(message + " (PIPELINE_REQUIRE_POSTGRES is set)");
        }
        Assumptions.abort(message);
    }

    private boolean reachable() {
        try (Connection c = DriverManager.getConnection(pgUrl, pgUser, pgPassword)) {
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
