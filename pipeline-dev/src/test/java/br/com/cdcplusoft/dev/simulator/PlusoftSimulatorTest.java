package br.com.cdcplusoft.dev.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulator over real HTTP, as the sink, benchmarks and resilience suites use it. */
class PlusoftSimulatorTest {

    private final PlusoftSimulator plusoft = PlusoftSimulator.start(0);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void stop() {
        plusoft.close();
    }

    private HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(plusoft.baseUri() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void itKeepsTheLastPayloadPerIdentityAndCountsPerEntity() throws Exception {
        assertThat(send("POST", "/produtos", "[{\"IDPRODUTO\":1,\"TXT\":\"a\"},{\"IDPRODUTO\":2}]").statusCode()).isEqualTo(200);
        assertThat(send("POST", "/produtos", "{\"registros\":[{\"IDPRODUTO\":1,\"TXT\":\"b\"}]}").body()).isEqualTo("{\"recebidos\":1}");
        assertThat(send("POST", "/vendas", "[{\"IDCUPOM\":9,\"IDPRODUTO\":1,\"IDPESSOA\":\"x\"}]").statusCode()).isEqualTo(200);
        assertThat(send("DELETE", "/produtos", "[{\"IDPRODUTO\":2}]").statusCode()).isEqualTo(200);
        assertThat(send("POST", "/produtos/exclusoes", "[{\"IDPRODUTO\":1}]").statusCode()).isEqualTo(200);
        send("POST", "/produtos", "[{\"IDPRODUTO\":1,\"TXT\":\"c\"}]");

        assertThat(plusoft.counts("produtos")).isEqualTo(new PlusoftSimulator.Counts(5, 4, 2, 2, 0, 0, 0));
        assertThat(send("GET", "/produtos/1", null).body()).isEqualTo("{\"IDPRODUTO\":1,\"TXT\":\"c\"}");
        assertThat(send("GET", "/produtos/2", null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/vendas/9%7C1", null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/contagens", null).body()).isEqualTo(
                "{\"produtos\":{\"requisicoes\":5,\"registros\":4,\"distintos\":2,\"exclusoes\":2,\"repetidas\":0,\"rejeitadas\":0,\"falhas\":0},"
                + "\"vendas\":{\"requisicoes\":1,\"registros\":1,\"distintos\":1,\"exclusoes\":0,\"repetidas\":0,\"rejeitadas\":0,\"falhas\":0}}");
    }

    @Test
    void anAcceptedIdempotencyKeyIsAnsweredAgainWithoutBeingApplied() throws Exception {
        send("POST", "/clientes", "[{\"IDPESSOA\":\"1\"}]", "Idempotency-Key", "abc");
        HttpResponse<String> again = send("POST", "/clientes", "[{\"IDPESSOA\":\"1\"}]", "Idempotency-Key", "abc");

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("\"repetida\":true");
        assertThat(plusoft.counts("clientes").records()).isEqualTo(1);
        assertThat(plusoft.counts("clientes").replayed()).isEqualTo(1);
    }

    @Test
    void faultsAreInjectedOnDemand() throws Exception {
        plusoft.faults().failNext(1, 503).retryAfter(Duration.ofMillis(1500));
        assertThat(send("POST", "/filiais", "[{\"IDFILIAL\":1}]").statusCode()).isEqualTo(503);

        plusoft.faults().failNext(1, 429);
        HttpResponse<String> throttled = send("POST", "/filiais", "[{\"IDFILIAL\":1}]");
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).contains("2");

        plusoft.faults().rejectWhen(r -> r.get("IDFILIAL").asInt() == 7);
        HttpResponse<String> rejected = send("POST", "/filiais", "[{\"IDFILIAL\":6},{\"IDFILIAL\":7}]");
        assertThat(rejected.statusCode()).isEqualTo(400);
        assertThat(rejected.body()).isEqualTo("{\"erro\":\"registros rejeitados\",\"indices\":[1]}");
        assertThat(send("POST", "/filiais", "nao e json").statusCode()).isEqualTo(400);

        plusoft.faults().reset().seed(1).unavailablePercent(30).tooManyRequestsPercent(20);
        int failed = 0;
        for (int i = 0; i < 200; i++) {
            if (send("POST", "/filiais", "[{\"IDFILIAL\":" + i + "}]").statusCode() != 200) {
                failed++;
            }
        }
        assertThat(failed).isBetween(70, 130);
        assertThat(plusoft.counts("filiais").failed()).isEqualTo(2 + failed);
        assertThat(plusoft.counts("filiais").rejected()).isEqualTo(2);
    }

    @Test
    void aRequiredCredentialIsEnforced() throws Exception {
        plusoft.requireBearer("tok");

        assertThat(send("POST", "/filiais", "[]").statusCode()).isEqualTo(401);
        assertThat(send("POST", "/filiais", "[]", "Authorization", "Bearer tok").statusCode()).isEqualTo(200);
    }

    @Test
    void theTokenEndpointIssuesTokensToItsClientOnly() throws Exception {
        plusoft.oauth2("sink", "s3cret", Duration.ofMinutes(1));
        String basic = "Basic " + Base64.getEncoder().encodeToString("sink:s3cret".getBytes());

        HttpResponse<String> token = send("POST", PlusoftSimulator.TOKEN_PATH, "grant_type=client_credentials", "Authorization", basic);
        HttpResponse<String> wrong = send("POST", PlusoftSimulator.TOKEN_PATH, "grant_type=client_credentials&client_id=sink&client_secret=x");

        assertThat(token.statusCode()).isEqualTo(200);
        assertThat(token.body()).contains("\"token_type\":\"Bearer\"", "\"expires_in\":60");
        assertThat(wrong.statusCode()).isEqualTo(401);
        String accessToken = token.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
        assertThat(send("POST", "/filiais", "[]", "Authorization", "Bearer " + accessToken).statusCode()).isEqualTo(200);
        assertThat(send("POST", "/filiais", "[]", "Authorization", "Bearer forjado").statusCode()).isEqualTo(401);
        assertThat(plusoft.tokensIssued()).isEqualTo(1);
    }

    @Test
    void theRequestHookSeesEachRequestBeforeItIsAnswered() throws Exception {
        java.util.List<PlusoftSimulator.ReceivedRequest> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        plusoft.onRequest(seen::add);

        send("POST", "/filiais", "[{\"IDFILIAL\":1},{\"IDFILIAL\":2}]", "Idempotency-Key", "k");

        assertThat(seen).singleElement().satisfies(r -> {
            assertThat(r.records()).isEqualTo(2);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.idempotencyKey()).isEqualTo("k");
        });
    }
}
