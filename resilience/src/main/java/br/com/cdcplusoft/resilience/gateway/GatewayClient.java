package br.com.cdcplusoft.resilience.gateway;

import br.com.cdcplusoft.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/** The gateway's routes as the integration team calls them. */
public final class GatewayClient {

    /** An answer: status, Content-Type and body. */
    public record Answer(int status, String contentType, String body) {
        public JsonNode json() {
            return Json.mapper().readTree(body);
        }
    }

    private final URI base;
    private final String apiKey;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public GatewayClient(int port, String apiKey) {
        this.base = URI.create("http://127.0.0.1:" + port);
        this.apiKey = apiKey;
    }

    /** A GET with the key: the suite's key is the admin key, which also reads /dlq and the runs' error details. */
    public Answer get(String path) {
        return send("GET", path, true);
    }

    public Answer post(String path, boolean withKey) {
        return send("POST", path, withKey);
    }

    /** POST /{entidade}/sincronizar?forcar=true; returns the run id. */
    public String forcedResync(String entity) {
        Answer a = post("/" + entity + "/sincronizar?forcar=true", true);
        if (a.status() != 202) {
            throw new IllegalStateException("re-sync of " + entity + " answered " + a.status() + ": " + a.body());
        }
        return a.json().get("runId").asString();
    }

    private Answer send(String method, String path, boolean withKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(120))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (withKey) {
            request.header("X-API-Key", apiKey);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
