package br.com.cdcplusoft.dev.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a local HTTP server answering as the gateway does. */
class GatewayClientTest {

    private HttpServer server;
    private final List<String> keys = new CopyOnWriteArrayList<>();
    private GatewayClient client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/produtos/sincronizar", e -> answer(e, 202, "{\"runId\":\"run-1\"}"));
        server.createContext("/vendas/sincronizar", e -> answer(e, 409, "{\"title\":\"a run is under way\"}"));
        server.createContext("/sincronizacoes/run-1", e -> answer(e, 200, "{\"status\":\"COMPLETED\"}"));
        server.createContext("/", e -> answer(e, 404, "{}"));
        server.start();
        client = new GatewayClient(server.getAddress().getPort(), "the-key");
    }

    private void answer(HttpExchange e, int status, String body) throws IOException {
        keys.add(e.getRequestMethod() + " " + e.getRequestURI() + " " + e.getRequestHeaders().getFirst("X-API-Key"));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        e.getResponseHeaders().add("Content-Type", "application/json");
        e.sendResponseHeaders(status, bytes.length);
        e.getResponseBody().write(bytes);
        e.close();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aForcedResyncSendsTheKeyAndReturnsTheRunId() {
        assertThat(client.forcedResync("produtos")).isEqualTo("run-1");
        assertThat(keys).containsExactly("POST /produtos/sincronizar?forcar=true the-key");
    }

    @Test
    void aRefusedResyncSaysItsStatus() {
        assertThatThrownBy(() -> client.forcedResync("vendas"))
                .isInstanceOfSatisfying(GatewayClient.Refused.class, e -> assertThat(e.status()).isEqualTo(409))
                .hasMessage("POST /vendas/sincronizar?forcar=true answered 409: {\"title\":\"a run is under way\"}");
    }

    @Test
    void aRunIsReadWithTheKeySoItsErrorDetailsComeTooAndAnUnknownOneIsNull() {
        assertThat(client.run("run-1").path("status").asString()).isEqualTo("COMPLETED");
        assertThat(client.run("other")).isNull();
        // the suite's key is the admin key, which also reads a run's error details (issue 16)
        assertThat(keys).containsExactly("GET /sincronizacoes/run-1 the-key", "GET /sincronizacoes/other the-key");
    }

    @Test
    void anAnswerKeepsStatusContentTypeAndBody() {
        GatewayClient.Answer a = client.post("/vendas/sincronizar?forcar=true", false);

        assertThat(a.status()).isEqualTo(409);
        assertThat(a.contentType()).isEqualTo("application/json");
        assertThat(a.json().path("title").asString()).isEqualTo("a run is under way");
        assertThat(keys).containsExactly("POST /vendas/sincronizar?forcar=true null");
    }
}
