package br.com.cdcplusoft.extractor.debezium;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * connect-config/apply-connector.sh against a local HTTP server that answers like the Kafka Connect
 * REST API: the PUT is idempotent (201 then 200), the script waits for the connector and its tasks
 * to be RUNNING, and reports a FAILED task with its trace.
 */
class DebeziumApplyConnectorScriptTest {

    private static final Path SCRIPT = Path.of("..", "connect-config", "apply-connector.sh").toAbsolutePath().normalize();
    private static final Path CONFIG = SCRIPT.resolveSibling("consinco-oracle.json");

    private HttpServer server;
    private final List<String> puts = new CopyOnWriteArrayList<>();
    private final AtomicInteger statusCalls = new AtomicInteger();
    private volatile boolean exists;
    private volatile String taskState = "RUNNING";

    @BeforeEach
    void startFakeConnect() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")) || Files.isExecutable(Path.of("/bin/curl")),
                "curl is needed by the script");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/connectors", this::connectors);
        server.createContext("/connector-plugins", exchange -> respond(exchange, 200,
                "[{\"class\":\"io.debezium.connector.oracle.OracleConnector\",\"type\":\"source\",\"version\":\"3.6.1.Final\"}]"));
        server.start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void createsThenUpdatesAndWaitsForRunning() throws Exception {
        Result first = run();
        Result second = run();

        assertThat(first.exit).as(first.output).isZero();
        assertThat(first.output).contains("created connector consinco-oracle", "RUNNING");
        assertThat(second.exit).as(second.output).isZero();
        assertThat(second.output).contains("updated connector consinco-oracle");
        assertThat(puts).hasSize(2).allSatisfy(body -> assertThat(body).isEqualTo(Files.readString(CONFIG)));
        assertThat(statusCalls.get()).as("polled until the task appeared").isGreaterThanOrEqualTo(3);
    }

    @Test
    void aFailedTaskFailsTheScriptWithItsTrace() throws Exception {
        taskState = "FAILED";

        Result result = run();

        assertThat(result.exit).isEqualTo(1);
        assertThat(result.output).contains("connector consinco-oracle FAILED", "ORA-01031: insufficient privileges");
    }

    private void connectors(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/connectors")) {
            respond(exchange, 200, exists ? "[\"consinco-oracle\"]" : "[]");
        } else if (path.equals("/connectors/consinco-oracle/config") && exchange.getRequestMethod().equals("PUT")) {
            puts.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            respond(exchange, exists ? 200 : 201, "{\"name\":\"consinco-oracle\"}");
            exists = true;
            statusCalls.set(0);
        } else if (path.equals("/connectors/consinco-oracle/status")) {
            // the task shows up only on the third look, as it does while the worker starts it
            String tasks = statusCalls.incrementAndGet() < 3 ? "[]"
                    : "[{\"id\":0,\"state\":\"" + taskState + "\",\"worker_id\":\"connect:8083\""
                    + ("FAILED".equals(taskState) ? ",\"trace\":\"java.sql.SQLException: ORA-01031: insufficient privileges\\n\\tat x\"" : "")
                    + "}]";
            respond(exchange, 200, "{\"name\":\"consinco-oracle\",\"connector\":{\"state\":\"RUNNING\",\"worker_id\":\"connect:8083\"},"
                    + "\"tasks\":" + tasks + ",\"type\":\"source\"}");
        } else {
            respond(exchange, 404, "{\"error_code\":404}");
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private Result run() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", SCRIPT.toString(), CONFIG.toString()).redirectErrorStream(true);
        builder.environment().put("CONNECT_URL", "http://127.0.0.1:" + server.getAddress().getPort());
        builder.environment().put("APPLY_TIMEOUT_SECONDS", "30");
        builder.environment().put("APPLY_POLL_SECONDS", "0.1");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    private record Result(int exit, String output) {
    }
}
