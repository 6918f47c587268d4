package br.com.cdcplusoft.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import br.com.cdcplusoft.dev.simulator.PlusoftSimulator;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIf;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.oracle.OracleContainer;
import org.testcontainers.utility.MountableFile;
import tools.jackson.databind.JsonNode;

/**
 * The Debezium mode against a real Oracle: Oracle Free (the image docker-compose.yml runs) set up by
 * the repository's own init scripts (ARCHIVELOG, supplemental logging, the LogMiner user, the DDL of
 * {@code db/oracle}, the signal and heartbeat tables, the seed rows), a Kafka container, the
 * extractor's embedded engine running the Oracle connector with the settings of
 * connect-config/consinco-oracle.json, the mapper, the sink and a local receiver. The seed rows arrive
 * as Plusoft payloads with integer identities; an insert, an update of both sides of a join and a
 * delete made with JDBC follow them.
 *
 * <p>Runs with {@code -Poracle-it} (active by itself where {@code /var/run/docker.sock} exists) and
 * reports itself skipped, with the reason, where no Docker engine answers. Not run on the build
 * machines so far: see README, "Tests".
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnabledIf(value = "dockerAvailable", disabledReason = "no Docker engine answers here: the Oracle LogMiner checks of this test did not run")
class OracleLogMinerContainerIT {

    /** As in docker-compose.yml. */
    static final String ORACLE_IMAGE = "gvenzl/oracle-free:23.5";
    static final String KAFKA_IMAGE = "apache/kafka:4.1.2";
    private static final String APP_PASSWORD = "consinco-it-0001";
    private static final String CDC_PASSWORD = "dbz-it-0001";
    private static final Path ROOT = Path.of("..");

    private OracleContainer oracle;
    private KafkaContainer kafka;
    private PlusoftSimulator receiver;
    private StandaloneApplication pipeline;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    static boolean dockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    @BeforeAll
    void start() {
        oracle = new OracleContainer(ORACLE_IMAGE)
                .withUsername("CONSINCO")
                .withPassword(APP_PASSWORD)
                .withEnv("ORACLE_CDC_PASSWORD", CDC_PASSWORD)
                .withEnv("ORACLE_PDB", "FREEPDB1")
                .withCopyFileToContainer(MountableFile.forHostPath(ROOT.resolve("docker/oracle/initdb/01-logminer.sh"), 0755),
                        "/container-entrypoint-initdb.d/01-logminer.sh")
                .withCopyFileToContainer(MountableFile.forHostPath(ROOT.resolve("docker/oracle/initdb/02-consinco.sh"), 0755),
                        "/container-entrypoint-initdb.d/02-consinco.sh")
                .withCopyFileToContainer(MountableFile.forHostPath(ROOT.resolve("db/oracle")), "/opt/consinco-sql")
                .withCopyFileToContainer(MountableFile.forHostPath(ROOT.resolve("docker/oracle/seed")), "/opt/consinco-seed")
                .withStartupTimeout(Duration.ofMinutes(20));
        kafka = new KafkaContainer(KAFKA_IMAGE);
        oracle.start();
        kafka.start();
        receiver = PlusoftSimulator.start(0).requireBearer("token-de-teste");
        Path work = Path.of("target", "oracle-it-" + run);
        List<String> args = new ArrayList<>(List.of(
                "--spring.kafka.bootstrap-servers=" + kafka.getBootstrapServers(),
                "--spring.datasource.url=" + oracle.getJdbcUrl(),
                "--spring.datasource.username=CONSINCO",
                "--spring.datasource.password=" + APP_PASSWORD,
                "--extractor.mode=debezium",
                "--mapper.mode=debezium",
                "--gateway.mode=debezium",
                "--gateway.debezium.data-collection-prefix=FREEPDB1.CONSINCO",
                "--extractor.debezium.engine.connector.class=io.debezium.connector.oracle.OracleConnector",
                "--extractor.debezium.engine.database.hostname=" + oracle.getHost(),
                "--extractor.debezium.engine.database.port=" + oracle.getOraclePort(),
                "--extractor.debezium.engine.database.user=C##DBZUSER",
                "--extractor.debezium.engine.database.password=" + CDC_PASSWORD,
                "--extractor.debezium.engine.database.dbname=FREE",
                "--extractor.debezium.engine.database.pdb.name=FREEPDB1",
                "--extractor.debezium.engine.signal.data.collection=FREEPDB1.DEBEZIUM.DEBEZIUM_SIGNAL",
                "--extractor.debezium.engine.offset.storage.topic=oracle-it.offsets." + run,
                "--plusoft.base-url=" + receiver.baseUri(),
                "--plusoft.auth.token=token-de-teste",
                "--plusoft.batch.linger=100ms",
                "--server.port=0",
                "--gateway.security.api-key=chave-de-teste-oracle-0001",
                "--gateway.nightly.log-dir=" + work.resolve("Logs"),
                "--mapper.state-dir=" + work.resolve("streams")));
        pipeline = StandaloneApplication.start(args.toArray(String[]::new));
    }

    @Test
    void seedRowsThenLiveChangesReachThePlusoftReceiver() throws Exception {
        await().atMost(Duration.ofMinutes(5)).untilAsserted(() -> {
            assertThat(receiver.payloads("produtos")).isNotEmpty();
            assertThat(receiver.payloads("clientes")).isNotEmpty();
            assertThat(receiver.payloads("vendas")).isNotEmpty();
        });
        // NUMBER(p,0) keys as integers (legacy.decimal.handling.strategy + the key cast)
        JsonNode any = receiver.payloads("produtos").values().iterator().next();
        assertThat(any.get("IDPRODUTO").isIntegralNumber()).as(any.toString()).isTrue();

        try (Connection c = DriverManager.getConnection(oracle.getJdbcUrl(), "CONSINCO", APP_PASSWORD);
             Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO MAP_PRODUTO (SEQPRODUTO, DESCCOMPLETA, DESCREDUZIDA, SEQFAMILIA, DTAHORINCLUSAO)"
                    + " SELECT 990001, 'Produto Oracle 1kg', 'PRODUTO ORACLE', MIN(SEQFAMILIA), SYSDATE FROM MAP_FAMILIA");
            s.executeUpdate("UPDATE MAP_FAMILIA SET FAMILIA = 'FAMILIA ORACLE', DTAHORALTERACAO = SYSDATE"
                    + " WHERE SEQFAMILIA = (SELECT MIN(SEQFAMILIA) FROM MAP_FAMILIA)");
            s.executeUpdate("DELETE FROM MAP_PRODUTO WHERE SEQPRODUTO = (SELECT MAX(SEQPRODUTO) FROM MAP_PRODUTO WHERE SEQPRODUTO < 990001)"
                    + " AND NOT EXISTS (SELECT 1 FROM MFL_DFITEM I WHERE I.SEQPRODUTO = MAP_PRODUTO.SEQPRODUTO)");
            c.commit();
        }
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
            JsonNode inserted = receiver.payload("produtos", "990001").orElseThrow();
            assertThat(inserted.get("TXTDESCRICAOCOMPLETA").asString()).isEqualTo("Produto Oracle 1kg");
            assertThat(inserted.get("TXTDESCRICAOMATERIALPAI").asString()).isEqualTo("FAMILIA ORACLE");
        });
    }

    @AfterAll
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {pipeline, receiver, kafka, oracle}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // stopping test infrastructure: nothing to assert
            }
        }
    }
}
