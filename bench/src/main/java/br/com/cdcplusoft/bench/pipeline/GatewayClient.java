package br.com.cdcplusoft.bench.pipeline;

import br.com.cdcplusoft.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/** The gateway's re-sync routes: {@code POST /{entidade}/sincronizar?forcar=true}, {@code GET /sincronizacoes/{id}}. */
public final class GatewayClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    public GatewayClient(int port) {
        this.base = URI.create("http://127.0.0.1:" + port);
    }

    /** Starts a forced re-sync and returns its run id. */
    public String forceResync(String entity) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(base.resolve("/" + entity + "/sincronizar?forcar=true"))
                .header("X-API-Key", Services.API_KEY).POST(HttpRequest.BodyPublishers.noBody()));
        if (r.statusCode() != 202) {
            throw new IllegalStateException("POST /" + entity + "/sincronizar?forcar=true answered " + r.statusCode() + ": " + r.body());
        }
        JsonNode body = Json.mapper().readTree(r.body());
        return body.get("runId").asString();
    }

    /** The run as the gateway tracks it, or null when it cannot say. */
    public JsonNode status(String runId) {
        try {
            HttpResponse<String> r = send(HttpRequest.newBuilder(base.resolve("/sincronizacoes/" + runId)).GET());
            return r.statusCode() == 200 ? Json.mapper().readTree(r.body()) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("the gateway at " + base + " cannot be reached: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
