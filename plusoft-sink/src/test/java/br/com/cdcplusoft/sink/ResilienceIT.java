package br.com.cdcplusoft.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import br.com.cdcplusoft.dev.simulator.PlusoftSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The sink against a receiver (the simulator, requiring the bearer token) that answers 10% 503 and
 * 5% 429: every record still arrives, none is dead-lettered.
 */
class ResilienceIT {

    private SinkHarness harness;

    private PlusoftSimulator plusoft;

    @AfterEach
    void stop() {
        harness.close();
        if (plusoft != null) {
            plusoft.close();
        }
    }

    @Test
    void everyRecordArrivesDespiteTransientFailures() throws Exception {
        harness = new SinkHarness("resilience");
        Map<String, Integer> produced = new HashMap<>();
        for (int i = 1; i <= 1200; i++) {
            harness.produce("produtos", i % 3, "{\"IDPRODUTO\":" + i + "}", "{\"IDPRODUTO\":" + i + "}", Map.of());
            harness.produce("vendas", i % 6, "{\"IDCUPOM\":" + i + ",\"IDPRODUTO\":1}",
                    "{\"IDCUPOM\":" + i + ",\"IDPRODUTO\":1,\"NUMQTDVENDIDA\":1.000}", Map.of());
        }
        for (int i = 1; i <= 30; i++) {
            harness.produce("filiais", 0, "{\"IDFILIAL\":" + i + "}", "{\"IDFILIAL\":" + i + ",\"FLGATIVA\":1}", Map.of());
        }
        harness.flush();
        produced.put("produtos", 1200);
        produced.put("vendas", 1200);
        produced.put("filiais", 30);

        plusoft = PlusoftSimulator.start(0).requireBearer("token-de-teste");
        ConfigurableApplicationContext sink = harness.startSink(Map.of("plusoft.base-url", plusoft.baseUri().toString(),
                "plusoft.auth.token", "token-de-teste", "plusoft.batch.max-records", "100"));
        plusoft.faults().seed(7).unavailablePercent(10).tooManyRequestsPercent(5).retryAfter(Duration.ofSeconds(1));

        await().atMost(Duration.ofSeconds(90)).until(() -> produced.entrySet().stream()
                .allMatch(e -> plusoft.counts(e.getKey()).distinct() == e.getValue()));

        assertThat(plusoft.counts("produtos").failed() + plusoft.counts("vendas").failed()).isPositive();
        for (String entity : produced.keySet()) {
            assertThat(harness.readAll(harness.topics.payloadDeadLetters(entity).name())).as(entity).isEmpty();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> harness.committed("vendas").values().stream()
                .mapToLong(Long::longValue).sum() == 1200L);
        // the counts are served over HTTP too
        HttpResponse<String> counts = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(plusoft.baseUri() + PlusoftSimulator.COUNTS_PATH)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(counts.statusCode()).isEqualTo(200);
        assertThat(counts.body()).contains("\"vendas\":{").contains("\"distintos\":1200");
        // and the sink's own meters on its actuator
        HttpResponse<String> prometheus = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + sink.getEnvironment().getProperty("local.server.port") + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("plusoft_sink_records_sent_total{entity=\"vendas\"} 1200.0",
                "plusoft_sink_retries_total", "plusoft_sink_requests_seconds_count", "plusoft_sink_batches_total",
                "plusoft_sink_circuit_open");
    }
}
