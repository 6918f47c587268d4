package br.com.cdcplusoft.sink.config;

import br.com.cdcplusoft.boot.PipelineProperties;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import br.com.cdcplusoft.core.catalog.EntitySettings;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.util.unit.DataSize;

/** Every default of plusoft.* and every invalid setting with its exact message. */
class SinkPropertiesTest {

    @Test
    void everyGroupHasItsDefaults() {
        SinkProperties p = SinkProperties.defaults();

        assertThat(p.baseUrl()).isNull();
        assertThat(p.auth().type()).isEqualTo(AuthType.BEARER);
        assertThat(p.auth().token().isPresent()).isFalse();
        assertThat(p.auth().headerName()).isNull();
        assertThat(p.auth().headerValue().isPresent()).isFalse();
        assertThat(p.auth().tokenUrl()).isNull();
        assertThat(p.auth().clientId()).isNull();
        assertThat(p.auth().clientSecret().isPresent()).isFalse();
        assertThat(p.auth().scope()).isNull();
        assertThat(p.auth().refreshBeforeExpiry()).isEqualTo(Duration.ofSeconds(60));
        assertThat(p.http().connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(p.http().requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(p.batch().maxRecords()).isEqualTo(1000);
        assertThat(p.batch().maxBytes()).isEqualTo(DataSize.ofMegabytes(1));
        assertThat(p.batch().linger()).isEqualTo(Duration.ofMillis(200));
        assertThat(p.retry().initial()).isEqualTo(Duration.ofMillis(500));
        assertThat(p.retry().max()).isEqualTo(Duration.ofSeconds(30));
        assertThat(p.retry().multiplier()).isEqualTo(2.0);
        assertThat(p.retry().jitter()).isEqualTo(0.2);
        assertThat(p.retry().maxTotal()).isEqualTo(Duration.ofMinutes(5));
        assertThat(p.rateLimit().limitForPeriod()).isEqualTo(50);
        assertThat(p.rateLimit().period()).isEqualTo(Duration.ofSeconds(1));
        assertThat(p.rateLimit().maxWait()).isEqualTo(Duration.ofSeconds(10));
        assertThat(p.circuitBreaker().failureRateThreshold()).isEqualTo(50f);
        assertThat(p.circuitBreaker().slidingWindow()).isEqualTo(20);
        assertThat(p.circuitBreaker().minimumCalls()).isEqualTo(10);
        assertThat(p.circuitBreaker().waitInOpen()).isEqualTo(Duration.ofSeconds(30));
        assertThat(p.circuitBreaker().halfOpenCalls()).isEqualTo(2);
        assertThat(p.deadLetter().responseBodyLimit()).isEqualTo(2000);
        assertThat(p.deadLetter().retention()).isEqualTo(Duration.ofDays(30));
        assertThat(p.entities()).isEmpty();
    }

    @Test
    void minimumCallsDefaultsToTheWindowWhenTheWindowIsSmallerThanTen() {
        assertThat(new SinkProperties.CircuitBreaker(null, 4, null, null, null).minimumCalls()).isEqualTo(4);
    }

    @Test
    void anUnconfiguredEntityIsPostedToItsNameAndItsTombstonesAreSkipped() {
        EntityRoute route = SinkProperties.defaults().route("produtos");

        assertThat(route).isEqualTo(new EntityRoute("/produtos", null, TombstoneAction.SKIP, "/produtos", "DELETE", "FLGATIVA", "0"));
    }

    @Test
    void aConfiguredRouteKeepsWhatItSetsAndDefaultsTheRest() {
        SinkProperties p = new SinkProperties(null, null, null, null, null, null, null, null,
                Map.of("clientes", new EntityRoute("/v1/clientes", "registros", TombstoneAction.DELETE, null, "post", null, null)));

        assertThat(p.route("clientes")).isEqualTo(new EntityRoute("/v1/clientes", "registros", TombstoneAction.DELETE,
                "/v1/clientes", "POST", "FLGATIVA", "0"));
    }

    @Test
    void aTrailingSlashOfTheBaseUrlIsDropped() {
        SinkProperties p = new SinkProperties(URI.create("https://crm.example.com/api/"), SinkProperties.Auth.bearer("t"),
                null, null, null, null, null, null, null);

        assertThat(p.baseUrl()).isEqualTo(URI.create("https://crm.example.com/api"));
    }

    @Test
    void secretsNeverPrint() {
        SinkProperties.Auth auth = new SinkProperties.Auth(AuthType.OAUTH2, Secret.of("bearer-secret"), "X-Api-Key",
                Secret.of("header-secret"), URI.create("https://login.example.com/token"), "sink", Secret.of("client-secret"),
                null, null);
        SinkProperties p = new SinkProperties(URI.create("https://crm.example.com"), auth, null, null, null, null, null, null,
                null);

        assertThat(p.toString()).contains("token=******", "clientSecret=******", "clientId=sink")
                .doesNotContain("bearer-secret", "header-secret", "client-secret");
        assertThat(Secret.of("x")).hasToString("******");
        assertThat(Secret.of(" ")).hasToString("<unset>");
    }

    static Stream<Arguments> invalidSettings() {
        return Stream.of(
                invalid("plusoft.base-url must be an absolute http or https URL, was 'ftp://crm.example.com'",
                        () -> withBaseUrl("ftp://crm.example.com")),
                invalid("plusoft.base-url must be an absolute http or https URL, was 'crm.example.com'",
                        () -> withBaseUrl("crm.example.com")),
                invalid("plusoft.base-url must not have a query or fragment, was 'https://crm.example.com/?a=1'",
                        () -> withBaseUrl("https://crm.example.com/?a=1")),
                invalid("plusoft.auth.token (PLUSOFT_TOKEN) is required when plusoft.base-url is set and plusoft.auth.type is bearer",
                        () -> new SinkProperties(URI.create("https://crm.example.com"), null, null, null, null, null, null, null, null)),
                invalid("plusoft.auth.type 'basic' is not one of bearer, static-header, oauth2", () -> AuthType.parse("basic")),
                invalid("plusoft.auth.refresh-before-expiry must not be negative, was PT-1S",
                        () -> auth(AuthType.BEARER, null, null, null, null, null, Duration.ofSeconds(-1))),
                invalid("plusoft.auth.header-name is required when plusoft.auth.type is static-header",
                        () -> auth(AuthType.STATIC_HEADER, null, "v", null, null, null, null)),
                invalid("plusoft.auth.header-name 'X Api' is not a valid HTTP header name",
                        () -> auth(AuthType.STATIC_HEADER, "X Api", "v", null, null, null, null)),
                invalid("plusoft.auth.header-name 'Idempotency-Key' is a header the sink sets itself",
                        () -> auth(AuthType.STATIC_HEADER, "Idempotency-Key", "v", null, null, null, null)),
                invalid("plusoft.auth.header-value is required when plusoft.auth.type is static-header",
                        () -> auth(AuthType.STATIC_HEADER, "X-Api-Key", null, null, null, null, null)),
                invalid("plusoft.auth.token-url is required when plusoft.auth.type is oauth2",
                        () -> auth(AuthType.OAUTH2, null, null, null, "id", "secret", null)),
                invalid("plusoft.auth.token-url must be an absolute http or https URL, was '/token'",
                        () -> auth(AuthType.OAUTH2, null, null, "/token", "id", "secret", null)),
                invalid("plusoft.auth.client-id is required when plusoft.auth.type is oauth2",
                        () -> auth(AuthType.OAUTH2, null, null, "https://login.example.com/token", null, "secret", null)),
                invalid("plusoft.auth.client-secret is required when plusoft.auth.type is oauth2",
                        () -> auth(AuthType.OAUTH2, null, null, "https://login.example.com/token", "id", null, null)),
                invalid("plusoft.http.connect-timeout must be positive, was PT0S", () -> new SinkProperties.Http(Duration.ZERO, null)),
                invalid("plusoft.http.request-timeout must be positive, was PT-1S",
                        () -> new SinkProperties.Http(null, Duration.ofSeconds(-1))),
                invalid("plusoft.batch.max-records must be between 1 and 10000, was 0", () -> new SinkProperties.Batch(0, null, null)),
                invalid("plusoft.batch.max-records must be between 1 and 10000, was 10001",
                        () -> new SinkProperties.Batch(10_001, null, null)),
                invalid("plusoft.batch.max-bytes must be between 1KB and 64MB, was 1023B",
                        () -> new SinkProperties.Batch(null, DataSize.ofBytes(1023), null)),
                invalid("plusoft.batch.max-bytes must be between 1KB and 64MB, was 68157440B",
                        () -> new SinkProperties.Batch(null, DataSize.ofMegabytes(65), null)),
                invalid("plusoft.batch.linger must be between 0 and 30s, was PT-0.001S",
                        () -> new SinkProperties.Batch(null, null, Duration.ofMillis(-1))),
                invalid("plusoft.batch.linger must be between 0 and 30s, was PT31S",
                        () -> new SinkProperties.Batch(null, null, Duration.ofSeconds(31))),
                invalid("plusoft.retry.initial must be positive, was PT0S",
                        () -> new SinkProperties.Retry(Duration.ZERO, null, null, null, null)),
                invalid("plusoft.retry.max must be positive, was PT0S",
                        () -> new SinkProperties.Retry(null, Duration.ZERO, null, null, null)),
                invalid("plusoft.retry.max (PT1S) must not be less than plusoft.retry.initial (PT2S)",
                        () -> new SinkProperties.Retry(Duration.ofSeconds(2), Duration.ofSeconds(1), null, null, null)),
                invalid("plusoft.retry.multiplier must be between 1.0 and 10.0, was 0.5",
                        () -> new SinkProperties.Retry(null, null, 0.5, null, null)),
                invalid("plusoft.retry.multiplier must be between 1.0 and 10.0, was 11.0",
                        () -> new SinkProperties.Retry(null, null, 11.0, null, null)),
                invalid("plusoft.retry.jitter must be at least 0.0 and less than 1.0, was -0.1",
                        () -> new SinkProperties.Retry(null, null, null, -0.1, null)),
                invalid("plusoft.retry.jitter must be at least 0.0 and less than 1.0, was 1.0",
                        () -> new SinkProperties.Retry(null, null, null, 1.0, null)),
                invalid("plusoft.retry.max-total must not be negative, was PT-1S",
                        () -> new SinkProperties.Retry(null, null, null, null, Duration.ofSeconds(-1))),
                invalid("plusoft.rate-limit.limit-for-period must be at least 1, was 0", () -> new SinkProperties.RateLimit(0, null, null)),
                invalid("plusoft.rate-limit.period must be positive, was PT0S",
                        () -> new SinkProperties.RateLimit(null, Duration.ZERO, null)),
                invalid("plusoft.rate-limit.max-wait must not be negative, was PT-1S",
                        () -> new SinkProperties.RateLimit(null, null, Duration.ofSeconds(-1))),
                invalid("plusoft.circuit-breaker.failure-rate-threshold must be greater than 0 and at most 100, was 0.0",
                        () -> new SinkProperties.CircuitBreaker(0f, null, null, null, null)),
                invalid("plusoft.circuit-breaker.failure-rate-threshold must be greater than 0 and at most 100, was 100.5",
                        () -> new SinkProperties.CircuitBreaker(100.5f, null, null, null, null)),
                invalid("plusoft.circuit-breaker.sliding-window must be at least 1, was 0",
                        () -> new SinkProperties.CircuitBreaker(null, 0, null, null, null)),
                invalid("plusoft.circuit-breaker.minimum-calls must be between 1 and plusoft.circuit-breaker.sliding-window (20), was 0",
                        () -> new SinkProperties.CircuitBreaker(null, null, 0, null, null)),
                invalid("plusoft.circuit-breaker.minimum-calls must be between 1 and plusoft.circuit-breaker.sliding-window (20), was 21",
                        () -> new SinkProperties.CircuitBreaker(null, null, 21, null, null)),
                invalid("plusoft.circuit-breaker.wait-in-open must be positive, was PT0S",
                        () -> new SinkProperties.CircuitBreaker(null, null, null, Duration.ZERO, null)),
                invalid("plusoft.circuit-breaker.half-open-calls must be at least 1, was 0",
                        () -> new SinkProperties.CircuitBreaker(null, null, null, null, 0)),
                invalid("plusoft.dead-letter.response-body-limit must be between 0 and 100000, was -1",
                        () -> new SinkProperties.DeadLetter(-1)),
                invalid("plusoft.dead-letter.response-body-limit must be between 0 and 100000, was 100001",
                        () -> new SinkProperties.DeadLetter(100_001)),
                invalid("plusoft.dead-letter.retention must be positive, was PT0S",
                        () -> new SinkProperties.DeadLetter(null, Duration.ZERO)),
                invalid("plusoft.entities.produtos.path 'produtos' must start with '/' and contain only URL path characters",
                        () -> route(new EntityRoute("produtos", null, null, null, null, null, null))),
                invalid("plusoft.entities.produtos.path '/produtos?x=1' must start with '/' and contain only URL path characters",
                        () -> route(new EntityRoute("/produtos?x=1", null, null, null, null, null, null))),
                invalid("plusoft.entities.produtos.wrapper 'registros-lote' must be a plain field name (letters, digits, '_')",
                        () -> route(new EntityRoute(null, "registros-lote", null, null, null, null, null))),
                invalid("plusoft.entities.produtos.delete-path 'exclusoes' must start with '/' and contain only URL path characters",
                        () -> route(new EntityRoute(null, null, TombstoneAction.DELETE, "exclusoes", null, null, null))),
                invalid("plusoft.entities.produtos.delete-method must be DELETE or POST, was 'PUT'",
                        () -> route(new EntityRoute(null, null, TombstoneAction.DELETE, null, "PUT", null, null))),
                invalid("plusoft.entities.produtos.inactive-field 'FLG ATIVA' must be a plain field name (letters, digits, '_')",
                        () -> route(new EntityRoute(null, null, TombstoneAction.INACTIVE, null, null, "FLG ATIVA", null))),
                invalid("tombstone-action 'purge' is not one of skip, inactive, delete", () -> TombstoneAction.parse("purge")),
                invalid("plusoft.entities.lojas does not name an entity of pipeline.entities (produtos, vendas)",
                        () -> SinkSettings.of(new SinkProperties(null, null, null, null, null, null, null, null,
                                Map.of("lojas", EntityRoute.defaults())), pipeline().catalog(), pipeline().topics())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSettings")
    void anInvalidSettingFailsWithAMessageNamingIt(String message, Executable construction) {
        assertThatIllegalArgumentException().isThrownBy(construction::execute).withMessage(message);
    }

    private static Arguments invalid(String message, Executable construction) {
        return Arguments.of(message, construction);
    }

    private static SinkProperties withBaseUrl(String url) {
        return new SinkProperties(URI.create(url), SinkProperties.Auth.bearer("t"), null, null, null, null, null, null, null);
    }

    private static SinkProperties.Auth auth(AuthType type, String headerName, String headerValue, String tokenUrl,
                                            String clientId, String clientSecret, Duration refresh) {
        return new SinkProperties.Auth(type, null, headerName, Secret.of(headerValue), tokenUrl == null ? null : URI.create(tokenUrl),
                clientId, Secret.of(clientSecret), null, refresh);
    }

    private static SinkProperties route(EntityRoute route) {
        return new SinkProperties(null, null, null, null, null, null, null, null, Map.of("produtos", route));
    }

    private static PipelineProperties pipeline() {
        Map<String, EntitySettings> entities = new LinkedHashMap<>();
        entities.put("produtos", new EntitySettings("VW_PLUSOFT_PRODUTO", List.of("SEQPRODUTO"), null, null, null,
                Duration.ofSeconds(1), null, null, null, null));
        entities.put("vendas", new EntitySettings("VW_PLUSOFT_VENDA", List.of("SEQNF", "SEQPRODUTO"), null, null, null,
                Duration.ofSeconds(1), null, null, null, null));
        return new PipelineProperties(entities, null, null);
    }
}
