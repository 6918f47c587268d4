package br.com.cdcplusoft.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import br.com.cdcplusoft.dev.demo.ConsincoDemoDatabase;
import br.com.cdcplusoft.dev.demo.DemoScale;
import br.com.cdcplusoft.core.json.Json;
import br.com.cdcplusoft.gateway.GatewayApplication;
import br.com.cdcplusoft.dev.simulator.PlusoftSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;
import tools.jackson.databind.JsonNode;

/**
 * The whole pipeline in one JVM, as the README's run command starts it, against a real in-process
 * broker, H2 in Oracle mode and the Plusoft simulator (a real HTTP server): every row reaches
 * Plusoft in its layout, a row changed in the database arrives as one new payload, and a forced
 * re-sync through the gateway runs to COMPLETED with every row delivered.
 */
@EmbeddedKafka(partitions = 3)
class StandaloneIT {

    private static final String API_KEY = "chave-de-teste-standalone-0001";
    private static final DemoScale SCALE = new DemoScale(3, 120, 150, 300);
    private static final HttpClient http = HttpClient.newHttpClient();

    private static ConsincoDemoDatabase db;
    private static PlusoftSimulator plusoft;
    private static StandaloneApplication pipeline;
    private static String gateway;
    private static String bootstrapServers;

    @BeforeAll
    static void start() throws Exception {
        EmbeddedKafkaBroker broker = EmbeddedKafkaCondition.getBroker();
        bootstrapServers = broker.getBrokersAsString();
        db = ConsincoDemoDatabase.inMemory("standalone-" + UUID.randomUUID(), SCALE);
        plusoft = PlusoftSimulator.start(0).requireBearer("token-de-teste");
        Path work = Path.of("target", "standalone-it-" + UUID.randomUUID());
        pipeline = StandaloneApplication.start(
                "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                "--spring.datasource.url=" + db.url(),
                "--spring.datasource.username=" + ConsincoDemoDatabase.USER,
                "--spring.datasource.password=" + ConsincoDemoDatabase.PASSWORD,
                "--plusoft.base-url=" + plusoft.baseUri(),
                "--plusoft.auth.token=token-de-teste",
                "--plusoft.batch.linger=100ms",
                "--server.port=0",
                "--gateway.security.api-key=" + API_KEY,
                "--gateway.nightly.log-dir=" + work.resolve("Logs"),
                "--mapper.state-dir=" + work.resolve("streams"),
                "--pipeline.entities.produtos.poll-interval=300ms");
        gateway = "http://127.0.0.1:" + pipeline.context(GatewayApplication.class).getEnvironment().getProperty("local.server.port");
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
        if (plusoft != null) {
            plusoft.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void everyRowReachesPlusoftThenAChangeThenAForcedReSyncRunsToCompletion() throws Exception {
        long activeClientes = count("SELECT COUNT(*) FROM VW_PLUSOFT_CLIENTE");
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            assertThat(plusoft.counts("produtos").distinct()).isEqualTo(SCALE.produtos());
            assertThat(plusoft.counts("filiais").distinct()).isEqualTo(SCALE.filiais());
            assertThat(plusoft.counts("clientes").distinct()).isEqualTo(activeClientes);
            assertThat(plusoft.counts("vendas").distinct()).isEqualTo(SCALE.vendaItems());
        });
        JsonNode produto = plusoft.payload("produtos", "42").orElseThrow();
        assertThat(produto.get("IDPRODUTO").asLong()).isEqualTo(42);
        assertThat(produto.has("FLGPORDUTOSAZONAL")).isTrue();

        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(
                "UPDATE MAP_PRODUTO SET DESCCOMPLETA = ?, DTAHORALTERACAO = SYSDATE WHERE SEQPRODUTO = 42")) {
            ps.setString(1, "Café Especial Torrado 500g");
            ps.executeUpdate();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> plusoft.payload("produtos", "42")
                .map(p -> p.get("TXTDESCRICAOCOMPLETA").asString()).orElse("").equals("Café Especial Torrado 500g"));

        HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(URI.create(gateway + "/produtos/sincronizar?forcar=true"))
                .header("X-API-Key", API_KEY).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).isEqualTo(202);
        String location = accepted.headers().firstValue("Location").orElseThrow();
        JsonNode run = await().atMost(Duration.ofSeconds(60)).until(() -> Json.mapper().readTree(
                        http.send(HttpRequest.newBuilder(URI.create(location)).build(), HttpResponse.BodyHandlers.ofString()).body()),
                r -> "COMPLETED".equals(r.path("status").asString()));
        assertThat(run.path("counts").path("published").asLong()).isEqualTo(SCALE.produtos());
        assertThat(run.path("counts").path("delivered").asLong()).isEqualTo(SCALE.produtos());
    }

    @Test
    void theApiDocumentationLoadsInTheAssembledClassPath() throws Exception {
        // the standalone carries every service's libraries: a second copy of swagger-annotations once broke this
        HttpResponse<String> docs = http.send(HttpRequest.newBuilder(URI.create(gateway + "/v3/api-docs")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(docs.statusCode()).as(docs.body()).isEqualTo(200);
        JsonNode openApi = Json.mapper().readTree(docs.body());
        assertThat(openApi.path("openapi").asString()).startsWith("3.");
        assertThat(openApi.path("paths").has("/{entidade}/sincronizar")).as("paths: %s", openApi.path("paths"))
                .isTrue();
        HttpResponse<String> ui = http.send(HttpRequest.newBuilder(URI.create(gateway + "/swagger-ui/index.html")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ui.statusCode()).isEqualTo(200);
    }

    /**
     * Plusoft refuses one product (400): the sink dead-letters it. Fixed on Plusoft's side, a plain
     * re-sync (not forced) must send it again, though its payload did not change since the mapper emitted it.
     */
    @Test
    void aPayloadPlusoftRefusedIsDeliveredByTheNextPlainReSyncOnceItAcceptsIt() throws Exception {
        await().atMost(Duration.ofSeconds(90)).until(() -> plusoft.counts("produtos").distinct() == SCALE.produtos());
        plusoft.faults().rejectWhen(p -> p.path("IDPRODUTO").asLong() == 43);
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(
                "UPDATE MAP_PRODUTO SET DESCCOMPLETA = ?, DTAHORALTERACAO = SYSDATE WHERE SEQPRODUTO = 43")) {
            ps.setString(1, "Azeite Extra Virgem 500ml");
            ps.executeUpdate();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters("plusoft.produtos.dlq") >= 1);
        plusoft.faults().rejectWhen(null);
        assertThat(plusoft.payload("produtos", "43").map(p -> p.get("TXTDESCRICAOCOMPLETA").asString()))
                .isNotEqualTo(Optional.of("Azeite Extra Virgem 500ml"));

        HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(URI.create(gateway + "/produtos/sincronizar"))
                .header("X-API-Key", API_KEY).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).isEqualTo(202);
        String location = accepted.headers().firstValue("Location").orElseThrow();
        JsonNode run = await().atMost(Duration.ofSeconds(60)).until(() -> Json.mapper().readTree(
                        http.send(HttpRequest.newBuilder(URI.create(location)).build(), HttpResponse.BodyHandlers.ofString()).body()),
                r -> "COMPLETED".equals(r.path("status").asString()));
        assertThat(run.path("counts").path("mapped").asLong()).isEqualTo(1);
        assertThat(run.path("counts").path("unchanged").asLong()).isEqualTo(SCALE.produtos() - 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> plusoft.payload("produtos", "43")
                .map(p -> p.get("TXTDESCRICAOCOMPLETA").asString()).orElse("").equals("Azeite Extra Virgem 500ml"));
    }

    private static long deadLetters(String topic) {
        Properties p = new Properties();
        // Awaitility asks from its own thread, where the test broker is not at hand
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static long count(String sql) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
