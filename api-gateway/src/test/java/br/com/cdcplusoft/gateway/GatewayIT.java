package br.com.cdcplusoft.gateway;

import br.com.cdcplusoft.core.deadletter.DeadLetterFormat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import br.com.cdcplusoft.core.catalog.TopicCatalog;
import br.com.cdcplusoft.dev.demo.ConsincoDemoDatabase;
import br.com.cdcplusoft.dev.demo.DemoScale;
import br.com.cdcplusoft.core.envelope.ChangeEvent;
import br.com.cdcplusoft.core.envelope.Op;
import br.com.cdcplusoft.core.envelope.PipelineHeaders;
import br.com.cdcplusoft.core.json.Json;
import br.com.cdcplusoft.core.json.JsonSerdes;
import br.com.cdcplusoft.core.run.RunEvent;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The whole gateway on a random port against a real in-process KRaft broker and the H2 demo
 * database: a forced re-sync publishes exactly one event per row and its run reaches COMPLETED
 * once delivery is reported on the runs topic (as the sink does); reads, docs, actuator; and a
 * few hundred malformed or hostile requests never get a 5xx.
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.config.name=api-gateway",
    "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
    "gateway.security.api-key=" + GatewayIT.KEY,
    "gateway.security.read-api-key=" + GatewayIT.READ_KEY,
    "gateway.rate-limit.requests-per-period=100000",
})
@EmbeddedKafka(partitions = 1)
class GatewayIT {

    static final String KEY = "it-key-0123456789abcdef";
    static final String READ_KEY = "it-read-key-0123456789abcdef";
    private static final DemoScale SCALE = new DemoScale(3, 2500, 40, 60);
    private static final TopicCatalog TOPICS = TopicCatalog.defaults();
    private static ConsincoDemoDatabase db;
    private static Path logDir;

    @LocalServerPort
    int port;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    javax.sql.DataSource dataSource;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        db = ConsincoDemoDatabase.inMemory("gateway-it-" + UUID.randomUUID(), SCALE);
        logDir = Files.createTempDirectory("gateway-it-logs");
        registry.add("spring.datasource.url", db::url);
        registry.add("spring.datasource.username", () -> ConsincoDemoDatabase.USER);
        registry.add("spring.datasource.password", () -> ConsincoDemoDatabase.PASSWORD);
        registry.add("gateway.nightly.log-dir", logDir::toString);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void forcedResyncOfProdutosPublishesOneEventPerRowAndTheRunCompletesWithDeliveredCounts() throws Exception {
        assertThat(send("POST", "/produtos/sincronizar?forcar=true", null).statusCode()).isEqualTo(401);

        HttpResponse<String> accepted = send("POST", "/produtos/sincronizar?forcar=true", KEY);
        assertThat(accepted.statusCode()).isEqualTo(202);
        JsonNode run = json(accepted);
        String runId = run.get("runId").asString();
        assertThat(accepted.headers().firstValue("Location")).contains("http://localhost:" + port + "/sincronizacoes/" + runId);
        assertThat(run.get("forced").asBoolean()).isTrue();

        List<ConsumerRecord<JsonNode, ChangeEvent>> rows = rowsOfRun(runId);
        assertThat(rows).hasSize(SCALE.produtos());
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.value().op()).isEqualTo(Op.READ);
            assertThat(PipelineHeaders.isForced(r.headers())).isTrue();
            assertThat(r.value().source().runId()).isEqualTo(runId);
        });
        Set<Long> keys = new HashSet<>();
        rows.forEach(r -> keys.add(r.key().get("SEQPRODUTO").asLong()));
        assertThat(keys).hasSize(SCALE.produtos());

        JsonNode published = await().atMost(Duration.ofSeconds(30)).until(() -> json(get("/sincronizacoes/" + runId)),
                s -> s.get("status").asString().equals("PUBLISHED"));
        assertThat(published.get("counts").get("read").asLong()).isEqualTo(SCALE.produtos());
        assertThat(published.get("counts").get("published").asLong()).isEqualTo(SCALE.produtos());
        assertThat(published.get("trigger").asString()).isEqualTo("manual");

        // what the mapper and the sink report for the same run id
        report(runId, RunEvent.Kind.MAPPED, SCALE.produtos());
        report(runId, RunEvent.Kind.DELIVERED, SCALE.produtos() - 2);
        report(runId, RunEvent.Kind.SINK_DEAD_LETTERED, 2);
        JsonNode completed = await().atMost(Duration.ofSeconds(30)).until(() -> json(get("/sincronizacoes/" + runId)),
                s -> s.get("status").asString().equals("COMPLETED"));
        assertThat(completed.get("counts").get("delivered").asLong()).isEqualTo(SCALE.produtos() - 2);
        assertThat(completed.get("counts").get("deadLettered").asLong()).isEqualTo(2);
        assertThat(completed.get("endedAt").asString()).isNotBlank();
        assertThat(json(get("/sincronizacoes?entidade=produtos")).get(0).get("runId").asString()).isEqualTo(runId);

        Path log = await().atMost(Duration.ofSeconds(10)).until(() -> runLog("Rota_Produtos", runId), p -> p != null);
        assertThat(log.getFileName().toString()).matches("\\d\\d_\\d\\d_\\d{4}_\\d\\dh\\d\\d_Rota_Produtos\\.log");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(log).contains("RESULT"));
        assertThat(Files.readString(log)).contains("START run " + runId + " entity=produtos trigger=manual forced=true")
                .contains("PROGRESS extraction read=1000").contains("PROGRESS extraction read=2500")
                .contains("RESULT run " + runId + " status=COMPLETED read=2500 published=2500 mapped=2500 unchanged=0 delivered=2498"
                        + " deadLettered=2");
    }

    @Test
    void readRoutesPageTheViewsAndMaskPersonalData() throws Exception {
        HttpResponse<String> page = get("/produtos?pular=1000&limite=500");
        assertThat(page.statusCode()).isEqualTo(200);
        JsonNode body = json(page);
        assertThat(body.get("itens")).hasSize(500);
        assertThat(body.get("itens").get(0).get("SEQPRODUTO").asLong()).isEqualTo(1001);
        assertThat(body.get("temMais").asBoolean()).isTrue();
        // proximo continues after the last row by key (apos), not by a larger offset
        JsonNode next = json(send("GET", body.get("proximo").asString(), null));
        assertThat(next.get("itens").get(0).get("SEQPRODUTO").asLong()).isEqualTo(1501);
        assertThat(next.get("itens")).hasSize(500);
        JsonNode vendas = json(get("/vendas?limite=7"));
        JsonNode vendasNext = json(get(vendas.get("proximo").asString()));
        JsonNode vendasBoth = json(get("/vendas?limite=14"));
        assertThat(vendasNext.get("itens").get(0)).isEqualTo(vendasBoth.get("itens").get(7));
        assertThat(json(get("/produtos?pular=2400&limite=500")).get("temMais").asBoolean()).isFalse();
        HttpResponse<String> tooDeep = get("/vendas?pular=100001");
        assertThat(tooDeep.statusCode()).isEqualTo(400);
        assertThat(json(tooDeep).get("detail").asString()).contains("at most 100000").contains("proximo");
        assertThat(send("GET", "/clientes?limite=1", null).statusCode()).isEqualTo(401);

        JsonNode clientes = json(get("/clientes?limite=40"));
        assertThat(clientes.get("itens")).isNotEmpty();
        for (JsonNode row : clientes.get("itens")) {
            if (!row.get("NROCGCCPF").isNull()) {
                assertThat(row.get("NROCGCCPF").asString()).startsWith("*");
                assertThat(row.get("DIGCGCCPF").asString()).isEqualTo("**");
            }
            if (!row.get("EMAIL").isNull()) {
                assertThat(row.get("EMAIL").asString()).contains("***@");
            }
        }
        JsonNode produtos = json(get("/produtos?formato=plusoft&limite=5"));
        assertThat(produtos.get("itens")).hasSize(5);
        assertThat(produtos.get("itens").get(0).get("origem").get("SEQPRODUTO").asLong()).isEqualTo(1);
        assertThat(produtos.get("itens").get(0).get("chave").get("IDPRODUTO").asLong()).isEqualTo(1);
        assertThat(produtos.get("itens").get(0).get("payload").has("TXTDESCRICAOCOMPLETA")).isTrue();
        JsonNode mappedClientes = json(get("/clientes?formato=plusoft&limite=40"));
        int mapped = 0;
        for (JsonNode item : mappedClientes.get("itens")) {
            if (item.has("payload")) {
                mapped++;
                assertThat(item.get("payload").get("IDPESSOA").asString()).startsWith("*");
                assertThat(item.get("chave").get("IDPESSOA").asString()).startsWith("*");
            } else {
                assertThat(item.get("erros").get(0).get("campo").asString()).isNotBlank();
            }
        }
        assertThat(mapped).isPositive();

        HttpResponse<String> bad = get("/vendas?limite=501");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(json(bad).get("parametro").asString()).isEqualTo("limite");
        assertThat(get("/fornecedores").statusCode()).isEqualTo(404);
    }

    /** Reads have their own pool: with every connection of the re-syncs' pool taken, a read still answers at once. */
    @Test
    void readsStillAnswerWhenTheResyncPoolIsExhausted() throws Exception {
        List<java.sql.Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                held.add(dataSource.getConnection());
            }
            long started = System.nanoTime();
            HttpResponse<String> page = send("GET", "/produtos?limite=5", null);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(json(page).get("itens")).hasSize(5);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        } finally {
            for (java.sql.Connection c : held) {
                c.close();
            }
        }
    }

    @Test
    void docsListEveryRouteAndActuatorServesHealthReadinessAndPrometheus() throws Exception {
        HttpResponse<String> docs = get("/docs");
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("swagger-ui");
        assertThat(json(get("/v3/api-docs/swagger-config")).get("url").asString()).isEqualTo("/v3/api-docs");
        JsonNode api = json(get("/v3/api-docs"));
        assertThat(api.get("paths").propertyNames()).contains("/{entidade}", "/{entidade}/sincronizar", "/sincronizar",
                "/sincronizacoes", "/sincronizacoes/{id}", "/dlq", "/dlq/{entidade}/reprocessar", "/painel/estado");
        String text = api.toString();
        for (String parameter : List.of("\"pular\"", "\"limite\"", "\"formato\"", "\"forcar\"", "\"X-API-Key\"", "\"entidade\"")) {
            assertThat(text).contains(parameter);
        }
        assertThat(text).contains("\"examples\"");
        // the security requirement of each route, from the same annotation the check enforces
        assertThat(api.at("/paths/~1{entidade}/get/security").toString()).isEqualTo("[{},{\"readApiKey\":[]},{\"apiKey\":[]}]");
        assertThat(api.at("/paths/~1{entidade}/get/description").asString()).contains("Open for filiais, produtos");
        assertThat(api.at("/paths/~1dlq/get/security").toString()).isEqualTo("[{\"readApiKey\":[]},{\"apiKey\":[]}]");
        assertThat(api.at("/paths/~1sincronizacoes~1{id}/get/security").toString()).isEqualTo("[{},{\"readApiKey\":[]},{\"apiKey\":[]}]");
        assertThat(api.at("/paths/~1sincronizar/post/security").toString()).isEqualTo("[{\"apiKey\":[]}]");
        assertThat(api.at("/paths/~1dlq~1{entidade}~1reprocessar/post/security").toString()).isEqualTo("[{\"apiKey\":[]}]");
        assertThat(api.at("/components/securitySchemes/readApiKey/name").asString()).isEqualTo("X-API-Key");

        assertThat(get("/actuator/health").body()).contains("\"UP\"");
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        HttpResponse<String> prometheus = get("/actuator/prometheus");
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("gateway_api_key_rejected_total").contains("http_server_requests_seconds");
    }

    @Test
    void hundredsOfMalformedOrHostileRequestsNeverGetA5xx() throws Exception {
        List<String> targets = List.of("/", "/produtos", "/produtos/", "//produtos", "/produtos/1/2/3", "/PRODUTOS",
                "/produtos?pular=abc", "/produtos?pular=-1", "/produtos?pular=9223372036854775807", "/produtos?pular=9223372036854775808",
                "/produtos?limite=0", "/produtos?limite=1e3", "/produtos?limite=%ZZ", "/produtos?pular=1&pular=2",
                "/produtos?formato=%00", "/produtos?formato=plus%C3%B3ft", "/produtos%00", "/%2e%2e/%2e%2e/etc/passwd",
                "/..;/produtos", "/produtos;jsessionid=1", "/produtos?" + "x".repeat(7000) + "=1", "/<script>alert(1)</script>",
                "/produtos?limite=" + "9".repeat(400), "/sincronizacoes/" + "a".repeat(300), "/sincronizacoes/%20",
                "/sincronizacoes?limite=abc", "/vendas/sincronizar?forcar=talvez", "/sincronizar?forcar=1",
                "/clientes/sincronizar", "/%F0%9F%98%80", "/produtos#frag", "/actuator/../produtos", "/docs/../../etc");
        List<String> methods = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "FOO");
        Map<Integer, Integer> statuses = new TreeMap<>();
        int requests = 0;
        for (String target : targets) {
            for (String method : methods) {
                String key = requests % 3 == 0 ? "X-API-Key: " + KEY + "\r\n" : requests % 3 == 1 ? "X-API-Key: wrong\r\n" : "";
                int status = raw(method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n" + key
                        + "Accept: " + (requests % 4 == 0 ? "text/html" : "*/*") + "\r\nConnection: close\r\n\r\n");
                statuses.merge(status, 1, Integer::sum);
                requests++;
            }
        }
        List<String> garbage = new ArrayList<>(List.of(
                "GARBAGE\r\n\r\n",
                "GET /produtos HTTP/1.1\r\n\r\n",
                "GET /produtos HTTP/1.1\r\nHost: localhost\r\nX-Huge: " + "h".repeat(20_000) + "\r\n\r\n",
                "POST /produtos/sincronizar HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + KEY.repeat(1000) + "\r\nContent-Length: 0\r\n\r\n",
                "POST /produtos/sincronizar HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-garbage\r\nContent-Length: 5\r\n\r\nhello",
                "POST /sincronizar HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\nnot-hex\r\n0\r\n\r\n",
                "GET /produtos HTTP/1.1\r\nHost: localhost\r\nAccept: application/xml\r\n\r\n",
                "GET /produtos HTTP/1.1\r\nHost: localhost\r\nAccept: */*;q=abc\r\n\r\n",
                "GET /produtos?limite=10 HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 8\r\n\r\n{broken:",
                "GET\t/produtos HTTP/1.1\r\nHost: localhost\r\n\r\n",
                "GET /produtos HTTP/1.1\nHost: localhost\n\n",
                "GET /produtos?pular=\u00e7 HTTP/1.1\r\nHost: localhost\r\n\r\n",
                "\u0000\u0001\u0002\r\n\r\n"));
        for (int i = 0; i < 20; i++) {
            garbage.add("GET /produtos?pular=" + i * 97 + "&limite=" + (i * 37 - 100) + "&formato=" + (i % 2 == 0 ? "plusoft" : "x" + i)
                    + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        }
        for (String request : garbage) {
            statuses.merge(raw(request), 1, Integer::sum);
            requests++;
        }
        assertThat(requests).isGreaterThan(300);
        assertThat(statuses.keySet()).as("statuses seen: %s", statuses).allMatch(s -> s < 500);
        assertThat(statuses).containsKeys(400, 401, 404, 405);
        // the one 5xx HTTP itself prescribes for a client's input: Tomcat answers an unknown protocol
        // version before any application code runs (RFC 9110, 15.6.6)
        assertThat(raw("GET /produtos HTTP/9.9\r\nHost: localhost\r\n\r\n")).isEqualTo(505);
    }

    /** What Tomcat answers itself, and methods without any route, are problems too: never an HTML page, never a 501. */
    @Test
    void errorsTomcatAnswersItselfAndUnroutedMethodsAreProblems() throws Exception {
        for (String request : List.of("GET /%FF%FE HTTP/1.1", "GET /produtos/../../etc/passwd HTTP/1.1", "GET /%ZZ HTTP/1.1",
                "POST /dlq/%C0%AF/reprocessar HTTP/1.1", "CONNECT /produtos HTTP/1.1", "FOO /dlq HTTP/1.1", "TRACE /produtos HTTP/1.1")) {
            String answer = rawAnswer(request + "\r\nHost: localhost\r\nX-API-Key: " + KEY + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            assertThat(answer).as(request).matches("(?s)HTTP/1\\.1 4\\d\\d .*").containsIgnoringCase("content-type: application/problem+json")
                    .contains("\"status\":4").doesNotContain("<html").doesNotContain(KEY);
        }
        assertThat(rawAnswer("FOO /produtos HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 405 ")
                .containsIgnoringCase("allow: GET, HEAD, POST, OPTIONS");
    }

    /** The whole answer (status line, headers, body) as text. */
    private String rawAnswer(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * GET /dlq and POST /dlq/{entidade}/reprocessar against real topics: a mapper dead letter whose
     * original event is re-published to consinco.clientes (its partition, a redriven-from header),
     * one superseded by a newer write of its key (skipped), one unreadable (skipped), a sink dead
     * letter re-published to plusoft.clientes; keys and Plusoft's answer masked; a second re-drive
     * finds nothing left.
     */
    @Test
    void deadLettersAreListedMaskedAndReDrivenOnceToTheirOriginalTopicAndPartition() throws Exception {
        String cpf = "52998224725";
        String changes = TOPICS.changes("clientes").name();
        String payloads = TOPICS.payloads("clientes").name();
        // the sink and the mapper create these in a running pipeline
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                Map.<String, Object>of("bootstrap.servers", broker.getBrokersAsString()))) {
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(payloads, 3, (short) 1),
                    new org.apache.kafka.clients.admin.NewTopic(TOPICS.payloadDeadLetters("clientes").name(), 1, (short) 1),
                    new org.apache.kafka.clients.admin.NewTopic(TOPICS.changeDeadLetters("clientes").name(), 1, (short) 1))).all().get();
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBrokersAsString()), new ByteArraySerializer(), new ByteArraySerializer())) {
            // the failed events as they were on consinco.clientes, then a newer version of 9002
            long fixable = producer.send(new ProducerRecord<>(changes, 0, bytes("{\"SEQPESSOA\":9001}"), bytes(event(9001)))).get().offset();
            long superseded = producer.send(new ProducerRecord<>(changes, 0, bytes("{\"SEQPESSOA\":9002}"), bytes(event(9002)))).get().offset();
            producer.send(new ProducerRecord<>(changes, 0, bytes("{\"SEQPESSOA\":9002}"), bytes(event(9002)))).get();
            String dlq = TOPICS.changeDeadLetters("clientes").name();
            producer.send(new ProducerRecord<>(dlq, 0, bytes("{\"SEQPESSOA\":9001}"), bytes(mapperDeadLetter(9001, fixable,
                    "is not an ISO-8601 date or date-time")))).get();
            producer.send(new ProducerRecord<>(dlq, 0, bytes("{\"SEQPESSOA\":9002}"), bytes(mapperDeadLetter(9002, superseded,
                    "is not an ISO-8601 date or date-time")))).get();
            producer.send(new ProducerRecord<>(dlq, 0, null, bytes("{\"entity\":\"clientes\",\"field\":null,\"reason\":\"value is not a "
                    + "readable change event\",\"errors\":[],\"topic\":\"" + changes + "\",\"partition\":0,\"offset\":0,\"key\":null,"
                    + "\"event\":\"AAEC\",\"encoding\":\"base64\"}"))).get();
            ProducerRecord<byte[], byte[]> rejected = new ProducerRecord<>(TOPICS.payloadDeadLetters("clientes").name(), 0,
                    bytes("{\"IDPESSOA\":\"" + cpf + "\"}"), bytes("{\"IDPESSOA\":\"" + cpf + "\",\"TXTNOMECOMPLETO\":\"Maria\"}"));
            rejected.headers().add(DeadLetterFormat.SINK_REASON, bytes("REJECTED")).add(DeadLetterFormat.SINK_STATUS, bytes("400"))
                    .add(DeadLetterFormat.SINK_RESPONSE_BODY, bytes("{\"erro\":\"CPF " + cpf + " recusado, avise maria@example.com\"}"))
                    .add(DeadLetterFormat.ORIGINAL_TOPIC, bytes(payloads))
                    .add(DeadLetterFormat.ORIGINAL_PARTITION, java.nio.ByteBuffer.allocate(4).putInt(1).array())
                    .add(DeadLetterFormat.ORIGINAL_OFFSET, java.nio.ByteBuffer.allocate(8).putLong(77).array())
                    .add("pipeline-run-id", bytes("clientes-old-run"));
            producer.send(rejected).get();
        }

        HttpResponse<String> listed = get("/dlq?limite=5");
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).doesNotContain(cpf).doesNotContain("maria@");
        JsonNode clientes = entity(json(listed), "clientes");
        assertThat(clientes.get("mapper").get("total").asLong()).isEqualTo(3);
        assertThat(clientes.get("mapper").get("pendentes").asLong()).isEqualTo(3);
        assertThat(clientes.get("mapper").get("ultimos").get(2).get("motivo").asString()).isEqualTo("is not an ISO-8601 date or date-time");
        assertThat(clientes.get("mapper").get("ultimos").get(2).get("campo").asString()).isEqualTo("DATNASCIMENTO");
        JsonNode sinkLetter = clientes.get("sink").get("ultimos").get(0);
        assertThat(sinkLetter.get("motivo").asString()).isEqualTo("REJECTED");
        assertThat(sinkLetter.get("status").asInt()).isEqualTo(400);
        assertThat(sinkLetter.get("chave").get("IDPESSOA").asString()).isEqualTo("***.***.***-25");
        assertThat(sinkLetter.get("classificacao").asString()).isEqualTo("PLUSOFT_REJECTED");
        assertThat(sinkLetter.get("detalhe").asString()).isEqualTo("{\"erro\":'***'}");
        assertThat(clientes.get("mapper").get("ultimos").get(2).get("classificacao").asString()).isEqualTo("MAPPING");
        assertThat(clientes.get("mapper").get("ultimos").get(0).get("classificacao").asString()).isEqualTo("UNREADABLE");
        assertThat(sinkLetter.get("origem").get("offset").asLong()).isEqualTo(77);
        assertThat(get("/dlq?limite=0").statusCode()).isEqualTo(400);

        assertThat(send("POST", "/dlq/clientes/reprocessar", null).statusCode()).isEqualTo(401);
        assertThat(send("POST", "/dlq/fornecedores/reprocessar", KEY).statusCode()).isEqualTo(404);
        HttpResponse<String> redriven = send("POST", "/dlq/clientes/reprocessar", KEY);
        assertThat(redriven.statusCode()).isEqualTo(202);
        JsonNode counts = json(redriven);
        assertThat(counts.get("mapper").toString()).isEqualTo("{\"lidos\":3,\"reprocessados\":1,\"obsoletos\":1,\"ignorados\":1}");
        assertThat(counts.get("sink").toString()).isEqualTo("{\"lidos\":1,\"reprocessados\":1,\"obsoletos\":0,\"ignorados\":0}");

        List<ConsumerRecord<byte[], byte[]>> republished = redrivenRecords(changes);
        assertThat(republished).hasSize(1);
        assertThat(republished.get(0).partition()).isZero();
        assertThat(new String(republished.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("{\"SEQPESSOA\":9001}");
        assertThat(Json.mapper().readTree(republished.get(0).value())).isEqualTo(Json.mapper().readTree(event(9001)));
        assertThat(new String(republished.get(0).headers().lastHeader("pipeline-redriven-from").value(), StandardCharsets.UTF_8))
                .startsWith(TOPICS.changeDeadLetters("clientes").name() + "/0/");
        List<ConsumerRecord<byte[], byte[]>> payload = redrivenRecords(payloads);
        assertThat(payload).hasSize(1);
        assertThat(payload.get(0).partition()).isEqualTo(1);
        assertThat(new String(payload.get(0).value(), StandardCharsets.UTF_8)).contains(cpf);
        assertThat(payload.get(0).headers().lastHeader(DeadLetterFormat.SINK_REASON)).isNull();
        assertThat(payload.get(0).headers().lastHeader("pipeline-run-id")).isNull();

        JsonNode again = json(send("POST", "/dlq/clientes/reprocessar", KEY));
        assertThat(again.get("mapper").get("lidos").asLong()).isZero();
        assertThat(again.get("sink").get("lidos").asLong()).isZero();
        JsonNode after = entity(json(get("/dlq")), "clientes");
        assertThat(after.get("mapper").get("pendentes").asLong()).isZero();
        assertThat(after.get("sink").get("ultimos").get(0).get("reprocessado").asBoolean()).isTrue();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String event(long seqPessoa) {
        return "{\"before\":null,\"after\":{\"SEQPESSOA\":" + seqPessoa + ",\"NOMERAZAO\":\"Cliente " + seqPessoa
                + "\",\"DTANASCFUND\":\"2024-02-30T00:00:00\"},\"op\":\"u\",\"ts_ms\":1,\"source\":{\"entity\":\"clientes\"}}";
    }

    private static String mapperDeadLetter(long seqPessoa, long offset, String reason) {
        return "{\"entity\":\"clientes\",\"field\":\"DATNASCIMENTO\",\"reason\":\"" + reason + "\",\"errors\":[{\"field\":"
                + "\"DATNASCIMENTO\",\"reason\":\"" + reason + "\"}],\"topic\":\"" + TOPICS.changes("clientes").name()
                + "\",\"partition\":0,\"offset\":" + offset + ",\"key\":{\"SEQPESSOA\":" + seqPessoa + "},\"event\":"
                + event(seqPessoa) + ",\"encoding\":\"json\"}";
    }

    private static JsonNode entity(JsonNode overview, String name) {
        for (JsonNode e : overview.get("entidades")) {
            if (e.get("entidade").asString().equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no entity " + name + " in " + overview);
    }

    private List<ConsumerRecord<byte[], byte[]>> redrivenRecords(String topic) {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<org.apache.kafka.common.TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<org.apache.kafka.common.TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (r.headers().lastHeader("pipeline-redriven-from") != null) {
                        out.add(r);
                    }
                });
                return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
            });
            return out;
        }
    }

    private List<ConsumerRecord<JsonNode, ChangeEvent>> rowsOfRun(String runId) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<JsonNode, ChangeEvent>> rows = new ArrayList<>();
        int[] markers = {0};
        try (KafkaConsumer<JsonNode, ChangeEvent> consumer = new KafkaConsumer<>(props, JsonSerdes.jsonNode().deserializer(),
                JsonSerdes.changeEvent().deserializer())) {
            consumer.subscribe(List.of(TOPICS.changes("produtos").name()));
            // every partition ends the run with a marker: once all are in, no row of the run can still come
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<JsonNode, ChangeEvent> r : consumer.poll(Duration.ofMillis(200))) {
                    if (!runId.equals(PipelineHeaders.get(r.headers(), PipelineHeaders.RUN_ID))) {
                        continue;
                    }
                    if (PipelineHeaders.isRunEnd(r.headers())) {
                        markers[0]++;
                    } else if (!PipelineHeaders.isRunStart(r.headers())) {
                        rows.add(r);
                    }
                }
                return markers[0] == 3;
            });
        }
        return rows;
    }

    private void report(String runId, RunEvent.Kind kind, long count) throws Exception {
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        try (KafkaProducer<String, RunEvent> producer = new KafkaProducer<>(props, new StringSerializer(), JsonSerdes.<RunEvent>serializer())) {
            producer.send(new ProducerRecord<>(TOPICS.runEvents().name(), runId,
                    new RunEvent(runId, "produtos", kind, true, Instant.now(), count, null))).get();
        }
    }

    private Path runLog(String route, String runId) throws Exception {
        Path dir = logDir.resolve(route);
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(p -> {
                try {
                    return Files.readString(p).contains(runId);
                } catch (java.io.IOException e) {
                    return false;
                }
            }).findFirst().orElse(null);
        }
    }

    /** A GET with the read key. */
    private HttpResponse<String> get(String path) throws Exception {
        return send("GET", path, READ_KEY);
    }

    private HttpResponse<String> send(String method, String path, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30));
        if (key != null) {
            request.header("X-API-Key", key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        return Json.mapper().readTree(response.body());
    }

    /** Sends raw bytes and returns the status of the answer, or 0 when the server closed without one. */
    private int raw(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                line.write(b);
            }
            String status = line.toString(StandardCharsets.ISO_8859_1);
            if (!status.startsWith("HTTP/1.1 ")) {
                return 0;
            }
            return Integer.parseInt(status.substring(9, 12));
        } catch (java.net.SocketException e) {
            return 0;
        }
    }
}
