package br.com.cdcplusoft.sink.sender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.cdcplusoft.sink.config.AuthType;
import br.com.cdcplusoft.sink.config.Secret;
import br.com.cdcplusoft.sink.config.SinkProperties;
import br.com.cdcplusoft.dev.simulator.PlusoftSimulator;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One attempt against a real local HTTP server: headers, credentials, classification, protection. */
class PlusoftSenderTest {

    private final PlusoftSimulator plusoft = PlusoftSimulator.start(0);
    private final HttpClient client = PlusoftSender.httpClient(Duration.ofSeconds(2));
    private final CircuitBreaker breaker = CircuitBreaker.ofDefaults("test");
    private final MutableClock clock = new MutableClock();

    @AfterEach
    void stop() {
        plusoft.close();
    }

    private PlusoftSender sender(SinkProperties.Auth auth) {
        return sender(auth, plusoft.baseUri(), Duration.ofSeconds(5), RateLimiter.ofDefaults("test"));
    }

    private PlusoftSender sender(SinkProperties.Auth auth, URI base, Duration timeout, RateLimiter limiter) {
        return new PlusoftSender(base, timeout, client, Authenticator.of(auth, client, timeout, clock), limiter, breaker, clock);
    }

    private static PlusoftRequest request(String key) {
        return new PlusoftRequest("produtos", "POST", "/produtos", "[{\"IDPRODUTO\":1}]".getBytes(StandardCharsets.UTF_8), key, 1);
    }

    private static SinkProperties.Auth oauth2(PlusoftSimulator plusoft, String secret, Duration refreshBefore) {
        return new SinkProperties.Auth(AuthType.OAUTH2, null, null, null, URI.create(plusoft.baseUri() + PlusoftSimulator.TOKEN_PATH),
                "sink", Secret.of(secret), "carga", refreshBefore);
    }

    @Test
    void aRequestCarriesTheBearerTokenContentTypeAndIdempotencyKey() throws Exception {
        plusoft.requireBearer("tok");

        SendResult result = sender(SinkProperties.Auth.bearer("tok")).send(request("k1"), () -> true);

        assertThat(result.outcome()).isEqualTo(SendResult.Outcome.ACCEPTED);
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.latency()).isPositive();
        PlusoftSimulator.ReceivedRequest received = plusoft.requests().get(0);
        assertThat(received.authorization()).isEqualTo("Bearer tok");
        assertThat(received.contentType()).isEqualTo("application/json");
        assertThat(received.idempotencyKey()).isEqualTo("k1");
        assertThat(received.method() + " " + received.path()).isEqualTo("POST /produtos");
        assertThat(plusoft.counts("produtos").records()).isEqualTo(1);
    }

    @Test
    void aStaticHeaderIsSentAsConfiguredAndAWrongOneIsRefused() throws Exception {
        plusoft.requireHeader("X-Api-Key", "chave");

        SinkProperties.Auth right = new SinkProperties.Auth(AuthType.STATIC_HEADER, null, "X-Api-Key", Secret.of("chave"), null, null,
                null, null, null);
        SinkProperties.Auth wrong = new SinkProperties.Auth(AuthType.STATIC_HEADER, null, "X-Api-Key", Secret.of("outra"), null, null,
                null, null, null);

        assertThat(sender(right).send(request("k1"), () -> true).outcome()).isEqualTo(SendResult.Outcome.ACCEPTED);
        SendResult refused = sender(wrong).send(request("k2"), () -> true);
        assertThat(refused.outcome()).isEqualTo(SendResult.Outcome.RETRYABLE);
        assertThat(refused.status()).isEqualTo(401);
    }

    @Test
    void anOAuth2TokenIsFetchedOnceCachedAndRenewedBeforeItExpires() throws Exception {
        plusoft.oauth2("sink", "s3cret", Duration.ofMinutes(10));
        PlusoftSender sender = sender(oauth2(plusoft, "s3cret", Duration.ofSeconds(60)));

        for (int i = 0; i < 3; i++) {
            assertThat(sender.send(request("k" + i), () -> true).outcome()).isEqualTo(SendResult.Outcome.ACCEPTED);
        }
        assertThat(plusoft.tokensIssued()).isEqualTo(1);
        assertThat(plusoft.requests()).extracting(PlusoftSimulator.ReceivedRequest::authorization).containsOnly(
                plusoft.requests().get(0).authorization()).allMatch(a -> a.startsWith("Bearer sim-1-"));

        clock.advance(Duration.ofMinutes(9).plusSeconds(1));
        assertThat(sender.send(request("k4"), () -> true).outcome()).isEqualTo(SendResult.Outcome.ACCEPTED);
        assertThat(plusoft.tokensIssued()).isEqualTo(2);
        assertThat(plusoft.requests().get(3).authorization()).startsWith("Bearer sim-2-");
    }

    @Test
    void aRefusedOAuth2TokenIsDroppedAndTheNextAttemptGetsANewOne() throws Exception {
        plusoft.oauth2("sink", "s3cret", Duration.ofMinutes(10));
        PlusoftSender sender = sender(oauth2(plusoft, "s3cret", Duration.ofSeconds(60)));
        sender.send(request("k1"), () -> true);
        plusoft.revokeTokens();

        SendResult refused = sender.send(request("k2"), () -> true);
        SendResult retried = sender.send(request("k2"), () -> true);

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.outcome()).isEqualTo(SendResult.Outcome.RETRYABLE);
        assertThat(retried.outcome()).isEqualTo(SendResult.Outcome.ACCEPTED);
        assertThat(plusoft.tokensIssued()).isEqualTo(2);
    }

    @Test
    void aTokenEndpointRefusingTheClientIsARetryableFailureWithoutARequest() throws Exception {
        plusoft.oauth2("sink", "s3cret", Duration.ofMinutes(10));

        SendResult result = sender(oauth2(plusoft, "errado", Duration.ofSeconds(60))).send(request("k1"), () -> true);

        assertThat(result.outcome()).isEqualTo(SendResult.Outcome.RETRYABLE);
        assertThat(result.status()).isZero();
        assertThat(result.failure()).isEqualTo("Authentication: token endpoint answered 401");
        assertThat(plusoft.requests()).isEmpty();
    }

    @Test
    void aRetryAfterIsReadFromA429() throws Exception {
        plusoft.faults().retryAfter(Duration.ofSeconds(4)).failNext(1, 429);

        SendResult result = sender(SinkProperties.Auth.bearer("t")).send(request("k1"), () -> true);

        assertThat(result.outcome()).isEqualTo(SendResult.Outcome.RETRYABLE);
        assertThat(result.retryAfter()).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void noAnswerIsRetryable() throws Exception {
        int closedPort;
        try (PlusoftSimulator gone = PlusoftSimulator.start(0)) {
            closedPort = gone.port();
        }
        SendResult refused = sender(SinkProperties.Auth.bearer("t"), URI.create("http://127.0.0.1:" + closedPort), Duration.ofSeconds(2),
                RateLimiter.ofDefaults("t")).send(request("k1"), () -> true);
        plusoft.faults().delay(Duration.ofSeconds(2));
        SendResult slow = sender(SinkProperties.Auth.bearer("t"), plusoft.baseUri(), Duration.ofMillis(300),
                RateLimiter.ofDefaults("t")).send(request("k2"), () -> true);

        assertThat(refused.outcome()).isEqualTo(SendResult.Outcome.RETRYABLE);
        assertThat(refused.statusLabel()).isEqualTo("IOException");
        assertThat(slow.outcome()).isEqualTo(SendResult.Outcome.RETRYABLE);
        assertThat(slow.statusLabel()).isEqualTo("Timeout");
    }

    @Test
    void anInFlightRequestIsAbandonedWhenTheContainerStops() {
        plusoft.faults().delay(Duration.ofSeconds(5));
        long started = System.nanoTime();

        assertThatThrownBy(() -> sender(SinkProperties.Auth.bearer("t")).send(request("k1"),
                () -> System.nanoTime() - started < Duration.ofMillis(300).toNanos()))
                .isInstanceOf(StoppedException.class).hasMessage("stopping while a request was in flight");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void anOpenCircuitSendsNothing() throws Exception {
        breaker.transitionToOpenState();

        SendResult result = sender(SinkProperties.Auth.bearer("t")).send(request("k1"), () -> true);

        assertThat(result.outcome()).isEqualTo(SendResult.Outcome.NOT_PERMITTED);
        assertThat(plusoft.requests()).isEmpty();
    }

    @Test
    void failuresOpenTheCircuitButA429DoesNot() throws Exception {
        CircuitBreaker small = CircuitBreaker.of("small", io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.custom()
                .slidingWindowSize(2).minimumNumberOfCalls(2).build());
        PlusoftSender sender = new PlusoftSender(plusoft.baseUri(), Duration.ofSeconds(5), client,
                Authenticator.of(SinkProperties.Auth.bearer("t"), client, Duration.ofSeconds(5), clock),
                RateLimiter.ofDefaults("t"), small, clock);

        plusoft.faults().failNext(3, 429);
        for (int i = 0; i < 3; i++) {
            sender.send(request("k"), () -> true);
        }
        assertThat(small.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        plusoft.faults().failNext(2, 503);
        sender.send(request("k"), () -> true);
        sender.send(request("k"), () -> true);
        assertThat(small.getState()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void theRateLimitHoldsRequestsBack() throws Exception {
        RateLimiter limiter = RateLimiter.of("one", RateLimiterConfig.custom().limitForPeriod(1)
                .limitRefreshPeriod(Duration.ofSeconds(30)).timeoutDuration(Duration.ZERO).build());
        PlusoftSender sender = sender(SinkProperties.Auth.bearer("t"), plusoft.baseUri(), Duration.ofSeconds(5), limiter);

        SendResult first = sender.send(request("k1"), () -> true);
        SendResult second = sender.send(request("k2"), () -> true);

        assertThat(first.outcome()).isEqualTo(SendResult.Outcome.ACCEPTED);
        assertThat(second.outcome()).isEqualTo(SendResult.Outcome.RETRYABLE);
        assertThat(second.statusLabel()).isEqualTo("RateLimit");
        assertThat(plusoft.requests()).hasSize(1);
    }

    static final class MutableClock extends Clock {
        private Instant now = Instant.now();

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
