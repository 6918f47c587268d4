package br.com.cdcplusoft.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import br.com.cdcplusoft.core.catalog.TopicCatalog;
import br.com.cdcplusoft.dev.demo.ConsincoDemoDatabase;
import br.com.cdcplusoft.dev.demo.DemoScale;
import br.com.cdcplusoft.core.document.BrazilianDocuments;
import br.com.cdcplusoft.core.json.Json;
import br.com.cdcplusoft.core.json.JsonSerdes;
import br.com.cdcplusoft.core.run.RunEvent;
import br.com.cdcplusoft.gateway.GatewayApplication;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;
import tools.jackson.databind.JsonNode;

/**
 * LGPD, end to end: one customer whose every personal field holds a value found nowhere else is
 * fed to the whole pipeline in one JVM (real broker, H2 in Oracle mode, a real HTTP receiver that,
 * like many APIs, quotes the record it refuses). It travels to Plusoft, is refused and
 * dead-lettered, and a run fails with an exception message that quotes it. Then every response
 * body of the gateway and every log line of the pipeline (console and run logs) is searched for
 * each value: none may appear, except the customer's own row read with a key (name, address and
 * birth date are what that read is for; CPF, e-mail and phones stay masked even there).
 */
@EmbeddedKafka(partitions = 3)
class PersonalDataLeakIT {

    private static final String ADMIN_KEY = "chave-admin-vazamento-0001";
    private static final String READ_KEY = "chave-leitura-vazamento-0001";
    private static final DemoScale SCALE = new DemoScale(3, 20, 30, 40);
    private static final long SEQPESSOA = 987_001;
    private static final String CPF_BASE = "739182046";
    private static final String CPF = CPF_BASE + BrazilianDocuments.cpfCheckDigits(CPF_BASE);
    private static final String EMAIL = "zuleika.quintanilha.7318@exemplo-unico.com.br";

    /** Values no response and no log may show: masked even in an authorized read. */
    private static final Map<String, Pattern> ALWAYS_MASKED = new LinkedHashMap<>();
    /** Values only the customer's own row, read with a key, may show. */
    private static final Map<String, Pattern> ONLY_IN_AUTHORIZED_READS = new LinkedHashMap<>();

    static {
        ALWAYS_MASKED.put("CPF", digits(CPF));
        ALWAYS_MASKED.put("CPF formatted", Pattern.compile(Pattern.quote(CPF.substring(0, 3) + "." + CPF.substring(3, 6) + "."
                + CPF.substring(6, 9) + "-" + CPF.substring(9))));
        ALWAYS_MASKED.put("CPF base (NROCGCCPF)", digits(CPF_BASE));
        ALWAYS_MASKED.put("e-mail", Pattern.compile(Pattern.quote("zuleika.quintanilha.7318"), Pattern.CASE_INSENSITIVE));
        ALWAYS_MASKED.put("mobile", digits("981726354"));
        ALWAYS_MASKED.put("landline", digits("36172845"));
        ONLY_IN_AUTHORIZED_READS.put("name", text("Zuleika Quintanilha Brandemburgo"));
        ONLY_IN_AUTHORIZED_READS.put("trade name", text("Zuzu Quintanilha Festas"));
        ONLY_IN_AUTHORIZED_READS.put("birth date", Pattern.compile("1931-02-27|27/02/1931"));
        ONLY_IN_AUTHORIZED_READS.put("street", text("Travessa Quixabeira do Sossego"));
        ONLY_IN_AUTHORIZED_READS.put("number", text("1847-F"));
        ONLY_IN_AUTHORIZED_READS.put("complement", text("Bloco Jacaranda Apto 1902"));
        ONLY_IN_AUTHORIZED_READS.put("district", text("Vila Xanduzinho"));
        ONLY_IN_AUTHORIZED_READS.put("city", text("Quixeramobim"));
        ONLY_IN_AUTHORIZED_READS.put("CEP", digits("63800417"));
    }

    private static final HttpClient http = HttpClient.newHttpClient();
    private static final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private static final AtomicInteger refused = new AtomicInteger();
    private static PrintStream originalOut;
    private static ConsincoDemoDatabase db;
    private static HttpServer plusoft;
    private static StandaloneApplication pipeline;
    private static Path work;
    private static String gateway;

    @BeforeAll
    static void start() throws Exception {
        // every line the pipeline logs goes to the console appender, which writes to System.out as it is now
        originalOut = System.out;
        System.setOut(new PrintStream(new Tee(originalOut, console), true, StandardCharsets.UTF_8));
        EmbeddedKafkaBroker broker = EmbeddedKafkaCondition.getBroker();
        db = ConsincoDemoDatabase.inMemory("leak-" + UUID.randomUUID(), SCALE);
        insertTheCustomer();
        plusoft = refusingReceiver();
        work = Path.of("target", "leak-it-" + UUID.randomUUID());
        pipeline = StandaloneApplication.start(
                "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                "--spring.datasource.url=" + db.url(),
                "--spring.datasource.username=" + ConsincoDemoDatabase.USER,
                "--spring.datasource.password=" + ConsincoDemoDatabase.PASSWORD,
                "--plusoft.base-url=http://127.0.0.1:" + plusoft.getAddress().getPort(),
                "--plusoft.auth.token=token-de-teste-vazamento",
                "--plusoft.batch.linger=100ms",
                "--server.port=0",
                "--gateway.security.api-key=" + ADMIN_KEY,
                "--gateway.security.read-api-key=" + READ_KEY,
                "--gateway.rate-limit.requests-per-period=100000",
                "--gateway.nightly.log-dir=" + work.resolve("Logs"),
                "--mapper.state-dir=" + work.resolve("streams"));
        gateway = "http://127.0.0.1:" + pipeline.context(GatewayApplication.class).getEnvironment().getProperty("local.server.port");
    }

    @AfterAll
    static void stop() {
        try {
            if (pipeline != null) {
                pipeline.close();
            }
            if (plusoft != null) {
                plusoft.stop(0);
            }
            if (db != null) {
                db.close();
            }
        } finally {
            System.setOut(originalOut);
        }
    }

    @Test
    void noResponseAndNoLogLineShowsTheCustomersPersonalData() throws Exception {
        // the customer reaches Plusoft, is refused (the answer quotes the record) and waits in plusoft.clientes.dlq
        JsonNode dlq = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(
                () -> json(get("/dlq?limite=100", READ_KEY).body()), d -> clientes(d).path("sink").path("total").asLong() >= 1);
        assertThat(refused.get()).isPositive();
        JsonNode letter = clientes(dlq).path("sink").path("ultimos").get(0);
        assertThat(letter.path("classificacao").asString()).isEqualTo("PLUSOFT_REJECTED");
        assertThat(letter.path("status").asInt()).isEqualTo(400);
        assertThat(letter.path("chave").path("IDPESSOA").asString()).isEqualTo("***.***.***-" + CPF.substring(9));

        // a run that failed on the row, its exception message quoting it (as H2's and Oracle's conversion errors do)
        String runId = "clientes-vazamento-" + UUID.randomUUID();
        reportFailedRun(runId, "Data conversion error converting \"Zuleika Quintanilha Brandemburgo\" (" + CPF + ", " + EMAIL
                + ", 1931-02-27, Travessa Quixabeira do Sossego 1847-F, Quixeramobim 63800417, +5592981726354)");
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/sincronizacoes/" + runId, READ_KEY).statusCode() == 200);

        Map<String, HttpResponse<String>> unauthorizedOrNotPersonal = new LinkedHashMap<>();
        for (String path : List.of("/clientes", "/clientes?formato=plusoft", "/vendas", "/dlq", "/produtos", "/filiais",
                "/sincronizacoes", "/sincronizacoes/" + runId, "/v3/api-docs")) {
            unauthorizedOrNotPersonal.put("GET " + path + " without a key", get(path, null));
        }
        for (String key : List.of(READ_KEY, ADMIN_KEY)) {
            String who = key.equals(READ_KEY) ? "read key" : "admin key";
            unauthorizedOrNotPersonal.put("GET /dlq with the " + who, get("/dlq?limite=100", key));
            unauthorizedOrNotPersonal.put("GET /sincronizacoes with the " + who, get("/sincronizacoes?limite=500", key));
            unauthorizedOrNotPersonal.put("GET run with the " + who, get("/sincronizacoes/" + runId, key));
            unauthorizedOrNotPersonal.put("GET /clientes?pular above the cap with the " + who, get("/clientes?pular=100001", key));
            unauthorizedOrNotPersonal.put("GET /clientes?apos=garbage with the " + who, get("/clientes?apos=" + CPF, key));
            unauthorizedOrNotPersonal.put("GET /vendas with the " + who, get("/vendas?limite=500", key));
        }
        unauthorizedOrNotPersonal.put("GET /clientes with a wrong key", get("/clientes?limite=500", "chave-errada-0123456789"));
        unauthorizedOrNotPersonal.put("POST /clientes/sincronizar with the read key", post("/clientes/sincronizar", READ_KEY));
        unauthorizedOrNotPersonal.put("POST /dlq/clientes/reprocessar without a key", post("/dlq/clientes/reprocessar", null));

        JsonNode run = json(unauthorizedOrNotPersonal.get("GET run with the read key").body());
        assertThat(run.path("status").asString()).isEqualTo("FAILED");
        assertThat(run.path("errors").get(0).path("classificacao").asString()).isEqualTo("DATABASE");
        assertThat(json(unauthorizedOrNotPersonal.get("GET /sincronizacoes/" + runId + " without a key").body()).has("errors")).isFalse();

        // the customer's own row, read with a key: what the key is for, CPF, e-mail and phones still masked
        Map<String, HttpResponse<String>> authorized = new LinkedHashMap<>();
        for (String key : List.of(READ_KEY, ADMIN_KEY)) {
            authorized.put("GET /clientes " + key, get("/clientes?limite=500", key));
            authorized.put("GET /clientes?formato=plusoft " + key, get("/clientes?limite=500&formato=plusoft", key));
        }
        assertThat(authorized.get("GET /clientes " + READ_KEY).body()).contains("Zuleika Quintanilha Brandemburgo")
                .contains("***.***.***-" + CPF.substring(9));

        List<String> findings = new ArrayList<>();
        unauthorizedOrNotPersonal.forEach((request, response) -> {
            findings.addAll(scan(request, response.body(), ALWAYS_MASKED));
            findings.addAll(scan(request, response.body(), ONLY_IN_AUTHORIZED_READS));
        });
        authorized.forEach((request, response) -> {
            assertThat(response.statusCode()).as(request).isEqualTo(200);
            findings.addAll(scan(request, response.body(), ALWAYS_MASKED));
        });

        System.out.flush();
        String[] lines = console.toString(StandardCharsets.UTF_8).split("\\R");
        assertThat(lines.length).as("log lines captured").isGreaterThan(100);
        for (int i = 0; i < lines.length; i++) {
            findings.addAll(scan("log line " + (i + 1), lines[i], ALWAYS_MASKED));
            findings.addAll(scan("log line " + (i + 1), lines[i], ONLY_IN_AUTHORIZED_READS));
        }
        List<Path> runLogs;
        try (Stream<Path> files = Files.exists(work.resolve("Logs")) ? Files.walk(work.resolve("Logs")) : Stream.empty()) {
            runLogs = files.filter(Files::isRegularFile).toList();
        }
        for (Path file : runLogs) {
            findings.addAll(scan("run log " + file.getFileName(), Files.readString(file), ALWAYS_MASKED));
            findings.addAll(scan("run log " + file.getFileName(), Files.readString(file), ONLY_IN_AUTHORIZED_READS));
        }
        assertThat(findings).as("personal data in responses or logs").isEmpty();
        assertThat(unauthorizedOrNotPersonal).hasSizeGreaterThan(20);
    }

    private static List<String> scan(String where, String text, Map<String, Pattern> values) {
        List<String> found = new ArrayList<>();
        values.forEach((field, pattern) -> {
            if (pattern.matcher(text).find()) {
                // the value itself is not repeated in the report
                found.add(where + ": " + field);
            }
        });
        return found;
    }

    private static void insertTheCustomer() throws Exception {
        try (Connection c = db.connect()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO GE_PESSOA (SEQPESSOA, NOMERAZAO, FANTASIA, FISICAJURIDICA, "
                    + "NROCGCCPF, DIGCGCCPF, SEXO, ESTADOCIVIL, DTANASCFUND, EMAIL, FONEDDD1, FONENRO1, FONEDDD2, FONENRO2, LOGRADOURO, "
                    + "NROLOGRADOURO, CMPLTOLOGRADOURO, BAIRRO, CIDADE, UF, CEP, STATUS, DTAINCLUSAO, DTAALTERACAO, DATAHORAALTERACAO) "
                    + "VALUES (?, ?, ?, 'F', ?, ?, 'F', 'V', DATE '1931-02-27', ?, 92, 981726354, 92, 36172845, ?, ?, ?, ?, ?, 'CE', "
                    + "63800417, 'A', SYSDATE, SYSDATE, SYSDATE)")) {
                ps.setLong(1, SEQPESSOA);
                ps.setString(2, "Zuleika Quintanilha Brandemburgo");
                ps.setString(3, "Zuzu Quintanilha Festas");
                ps.setLong(4, Long.parseLong(CPF_BASE));
                ps.setInt(5, Integer.parseInt(CPF.substring(9)));
                ps.setString(6, EMAIL);
                ps.setString(7, "Travessa Quixabeira do Sossego");
                ps.setString(8, "1847-F");
                ps.setString(9, "Bloco Jacaranda Apto 1902");
                ps.setString(10, "Vila Xanduzinho");
                ps.setString(11, "Quixeramobim");
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO MRL_CLIENTE (SEQPESSOA, STATUSCLIENTE, DTACADASTRO) "
                    + "VALUES (?, 'A', SYSDATE)")) {
                ps.setLong(1, SEQPESSOA);
                ps.executeUpdate();
            }
        }
    }

    /** Plusoft as a real HTTP server: accepts every batch but one holding the customer, which it refuses quoting it. */
    private static HttpServer refusingReceiver() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean refuse = body.contains(CPF);
            byte[] answer = (refuse ? "{\"erro\":\"registro recusado: " + body.replace("\"", "'") + "\",\"registro\":" + body + "}"
                    : "{\"ok\":true}").getBytes(StandardCharsets.UTF_8);
            if (refuse) {
                refused.incrementAndGet();
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(refuse ? 400 : 200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
        return server;
    }

    private static void reportFailedRun(String runId, String detail) throws Exception {
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafkaCondition.getBroker().getBrokersAsString());
        try (KafkaProducer<String, RunEvent> producer = new KafkaProducer<>(props, new StringSerializer(), JsonSerdes.<RunEvent>serializer())) {
            String topic = TopicCatalog.defaults().runEvents().name();
            Instant now = Instant.now();
            producer.send(new ProducerRecord<>(topic, runId, new RunEvent(runId, "clientes", RunEvent.Kind.STARTED, false, now, 0,
                    "manual"))).get();
            producer.send(new ProducerRecord<>(topic, runId, new RunEvent(runId, "clientes", RunEvent.Kind.FAILED, false,
                    now.plusSeconds(1), 0, detail))).get();
        }
    }

    private static JsonNode clientes(JsonNode overview) {
        for (JsonNode e : overview.path("entidades")) {
            if (e.path("entidade").asString().equals("clientes")) {
                return e;
            }
        }
        return Json.mapper().missingNode();
    }

    private static HttpResponse<String> get(String path, String key) throws Exception {
        return send("GET", path, key);
    }

    private static HttpResponse<String> post(String path, String key) throws Exception {
        return send("POST", path, key);
    }

    private static HttpResponse<String> send(String method, String path, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (key != null) {
            request.header("X-API-Key", key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(String body) {
        return Json.mapper().readTree(body);
    }

    /** Digits with no digit right before or after: a phone number inside a longer number is not this one. */
    private static Pattern digits(String digits) {
        return Pattern.compile("(?<!\\d)" + digits + "(?!\\d)");
    }

    private static Pattern text(String text) {
        return Pattern.compile(Pattern.quote(text), Pattern.CASE_INSENSITIVE);
    }

    /** Writes to both streams. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }

        @Override
        public synchronized void flush() throws IOException {
            first.flush();
            second.flush();
        }
    }
}
