package br.com.cdcplusoft.dev.harness;

import br.com.cdcplusoft.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/**
 * The gateway's routes as the integration team calls them: any route with or without the
 * {@code X-API-Key}, a forced re-sync ({@code POST /{entidade}/sincronizar?forcar=true}) and its run
 * ({@code GET /sincronizacoes/{id}}).
 */
public final class GatewayClient {

    /** An answer: status, Content-Type and body. */
    public record Answer(int status, String contentType, String body) {
        public JsonNode json() {
            return Json.mapper().readTree(body);
        }
    }

    /** The gateway answered a re-sync with something other than 202 (409: a run of that entity is under way). */
    public static final class Refused extends IllegalStateException {
        private final int status;

        Refused(String what, Answer answer) {
            super(what + " answered " + answer.status() + ": " + answer.body());
            this.status = answer.status();
        }

        public int status() {
            return status;
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final URI base;
    private final String apiKey;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The gateway (or the standalone) on 127.0.0.1:{@code port}. */
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

    /** Starts a forced re-sync and returns its run id; {@link Refused} unless the gateway accepts it (202). */
    public String forcedResync(String entity) {
        String path = "/" + entity + "/sincronizar?forcar=true";
        Answer a = post(path, true);
        if (a.status() != 202) {
            throw new Refused("POST " + path, a);
        }
        return a.json().get("runId").asString();
    }

    /** The run as the gateway tracks it, or null when it cannot say (not found, not reachable). */
    public JsonNode run(String runId) {
        try {
            Answer a = get("/sincronizacoes/" + runId);
            return a.status() == 200 ? a.json() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private Answer send(String method, String path, boolean withKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (withKey) {
            request.header("X-API-Key", apiKey);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + base.resolve(path) + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
