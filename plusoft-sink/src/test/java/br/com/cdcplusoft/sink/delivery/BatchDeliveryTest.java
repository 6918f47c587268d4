package br.com.cdcplusoft.sink.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.cdcplusoft.sink.batching.Step;
import br.com.cdcplusoft.sink.config.EntityRoute;
import br.com.cdcplusoft.sink.config.SinkProperties;
import br.com.cdcplusoft.sink.config.TombstoneAction;
import br.com.cdcplusoft.sink.converter.Entry;
import br.com.cdcplusoft.sink.converter.PayloadConverter;
import br.com.cdcplusoft.sink.sender.Authenticator;
import br.com.cdcplusoft.sink.sender.PlusoftSender;
import br.com.cdcplusoft.sink.sender.StoppedException;
import br.com.cdcplusoft.dev.simulator.PlusoftSimulator;
import com.sun.net.httpserver.HttpServer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.DoubleSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Retries, bisection and dead letters of one step, against a real local HTTP server. */
class BatchDeliveryTest {

    private final PlusoftSimulator plusoft = PlusoftSimulator.start(0);
    private final CircuitBreaker breaker = CircuitBreaker.ofDefaults("test");
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final TestClock clock = new TestClock();
    private final List<Duration> pauses = new ArrayList<>();
    private final List<String> deadLetters = new ArrayList<>();
    private final List<DeliveryFailure> failures = new ArrayList<>();
    private final EntityRoute route = new EntityRoute(null, null, TombstoneAction.DELETE, "/produtos/exclusoes", "POST", null, null)
            .resolve("produtos");
    private DeadLetterPublisher publisher = (entry, failure) -> {
        deadLetters.add(new String(entry.record().key(), StandardCharsets.UTF_8));
        failures.add(failure);
    };

    @AfterEach
    void stop() {
        plusoft.close();
    }

    /** The pacer does not sleep: it moves the clock, so that time budgets are tested without waiting. */
    private BatchDelivery delivery(Duration maxTotal) {
        return delivery(maxTotal, plusoft.baseUri());
    }

    private BatchDelivery delivery(Duration maxTotal, URI baseUrl) {
        HttpClient client = PlusoftSender.httpClient(Duration.ofSeconds(2));
        PlusoftSender sender = new PlusoftSender(baseUrl, Duration.ofSeconds(5), client,
                Authenticator.of(SinkProperties.Auth.bearer("t"), client, Duration.ofSeconds(5), clock),
                RateLimiter.ofDefaults("t"), breaker, clock);
        DoubleSupplier noJitter = () -> 0.5;
        RetryPolicy policy = new RetryPolicy(new SinkProperties.Retry(Duration.ofMillis(100), Duration.ofSeconds(1), 2.0, 0.2, maxTotal),
                noJitter);
        Pacer pacer = (delay, running) -> {
            if (!running.getAsBoolean()) {
                throw new StoppedException("stopping during a retry back-off");
            }
            pauses.add(delay);
            clock.advance(delay);
        };
        return new BatchDelivery(sender, policy, pacer, (e, f) -> publisher.publish(e, f), new SinkMetrics(meters), 20, clock);
    }

    private Step step(int count, Step.Kind kind) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String key = "{\"IDPRODUTO\":" + i + "}";
            ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("plusoft.produtos", 0, 100 + i,
                    key.getBytes(StandardCharsets.UTF_8),
                    kind == Step.Kind.DELETE ? null : ("{\"IDPRODUTO\":" + i + "}").getBytes(StandardCharsets.UTF_8));
            entries.add(PayloadConverter.convert(i, record, route));
        }
        return new Step(kind, entries);
    }

    @Test
    void bisectionIsolatesTheRefusedRecordsAndDeliversTheRest() {
        Set<Integer> refused = Set.of(3, 777);
        plusoft.faults().rejectWhen(r -> refused.contains(r.get("IDPRODUTO").asInt()));
        StepTally tally = new StepTally();

        delivery(Duration.ofMinutes(5)).deliver("produtos", route, step(1000, Step.Kind.UPSERT), tally, () -> true);

        assertThat(tally.deliveredCount()).isEqualTo(998);
        assertThat(deadLetters).containsExactly("{\"IDPRODUTO\":3}", "{\"IDPRODUTO\":777}");
        assertThat(failures).allSatisfy(f -> {
            assertThat(f.reason()).isEqualTo(DeadLetterReason.REJECTED);
            assertThat(f.status()).isEqualTo(400);
            assertThat(f.responseBody()).hasSize(20).startsWith("{\"erro\":\"registros");
            assertThat(f.idempotencyKey()).hasSize(64);
        });
        assertThat(plusoft.counts("produtos").distinct()).isEqualTo(998);
        // log2(1000) levels, two refused paths: far fewer requests than one per record
        assertThat(plusoft.requests().size()).isLessThan(45);
        assertThat(meters.get("plusoft.sink.records.sent").counter().count()).isEqualTo(998);
        assertThat(meters.get("plusoft.sink.records.dead.lettered").tag("reason", "REJECTED").counter().count()).isEqualTo(2);
        assertThat(meters.get("plusoft.sink.batches").tag("outcome", "partial").counter().count()).isEqualTo(1);
    }

    @Test
    void transientFailuresAreRetriedWithAGrowingBackOffThenDelivered() {
        plusoft.faults().failNext(2, 503);
        StepTally tally = new StepTally();

        delivery(Duration.ofMinutes(5)).deliver("produtos", route, step(10, Step.Kind.UPSERT), tally, () -> true);

        assertThat(tally.deliveredCount()).isEqualTo(10);
        assertThat(pauses).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(plusoft.requests()).extracting(PlusoftSimulator.ReceivedRequest::status).containsExactly(503, 503, 200);
        assertThat(plusoft.counts("produtos").records()).isEqualTo(10);
    }

    @Test
    void theSameKeyIsSentOnEveryAttempt() {
        plusoft.faults().failNext(2, 500);

        delivery(Duration.ofMinutes(5)).deliver("produtos", route, step(10, Step.Kind.UPSERT), new StepTally(), () -> true);

        assertThat(plusoft.requests()).extracting(PlusoftSimulator.ReceivedRequest::idempotencyKey).hasSize(3)
                .containsOnly(plusoft.requests().get(0).idempotencyKey());
    }

    @Test
    void aRetryAfterSetsTheWait() {
        plusoft.faults().retryAfter(Duration.ofSeconds(3)).failNext(1, 429);

        delivery(Duration.ofMinutes(5)).deliver("produtos", route, step(1, Step.Kind.UPSERT), new StepTally(), () -> true);

        assertThat(pauses).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void pastTheTotalRetryTimeTheBatchIsDeadLetteredAndThePartitionMovesOn() {
        plusoft.faults().failNext(Integer.MAX_VALUE, 503);
        StepTally tally = new StepTally();

        delivery(Duration.ofSeconds(3)).deliver("produtos", route, step(5, Step.Kind.UPSERT), tally, () -> true);

        assertThat(tally.deadLetteredCount()).isEqualTo(5);
        assertThat(deadLetters).hasSize(5);
        assertThat(failures).allSatisfy(f -> {
            assertThat(f.reason()).isEqualTo(DeadLetterReason.RETRIES_EXHAUSTED);
            assertThat(f.status()).isEqualTo(503);
        });
        // 100 + 200 + 400 + 800 + 1000 = 2.5s of waits; the next 1s would pass the 3s budget
        assertThat(pauses).hasSize(5);
        assertThat(failures.get(0).attempts()).isEqualTo(6);
        assertThat(meters.get("plusoft.sink.retries").tag("status", "503").counter().count()).isEqualTo(5);
    }

    @Test
    void aRetryAfterBeyondTheBudgetDeadLettersAtOnce() {
        plusoft.faults().retryAfter(Duration.ofMinutes(10)).failNext(1, 429);

        delivery(Duration.ofMinutes(5)).deliver("produtos", route, step(2, Step.Kind.UPSERT), new StepTally(), () -> true);

        assertThat(pauses).isEmpty();
        assertThat(failures).extracting(DeliveryFailure::status).containsExactly(429, 429);
    }

    @Test
    void tombstonesGoToTheDeletePathWithTheConfiguredMethod() {
        delivery(Duration.ofMinutes(5)).deliver("produtos", route, step(3, Step.Kind.DELETE), new StepTally(), () -> true);

        assertThat(plusoft.requests()).extracting(r -> r.method() + " " + r.path() + " " + r.records())
                .containsExactly("POST /produtos/exclusoes 3");
        assertThat(plusoft.counts("produtos").deletes()).isEqualTo(3);
    }

    @Test
    void anOpenCircuitHandsTheRecordsBackWithoutDeadLettering() {
        breaker.transitionToOpenState();
        StepTally tally = new StepTally();
        Step step = step(4, Step.Kind.UPSERT);

        assertThatThrownBy(() -> delivery(Duration.ofMinutes(5)).deliver("produtos", route, step, tally, () -> true))
                .isInstanceOfSatisfying(RequeueException.class, e -> assertThat(e.from()).isSameAs(step.first()));
        assertThat(tally.isEmpty()).isTrue();
        assertThat(deadLetters).isEmpty();
    }

    @Test
    void aStopDuringTheBackOffHandsTheRecordsBack() {
        plusoft.faults().failNext(1, 503);

        assertThatThrownBy(() -> delivery(Duration.ofMinutes(5)).deliver("produtos", route, step(2, Step.Kind.UPSERT),
                new StepTally(), () -> plusoft.requests().isEmpty()))
                .isInstanceOf(RequeueException.class).hasMessageContaining("stopping during a retry back-off");
        assertThat(deadLetters).isEmpty();
    }

    @Test
    void aDeadLetterThatCannotBeWrittenHandsItsRecordBack() {
        plusoft.faults().rejectWhen(r -> r.get("IDPRODUTO").asInt() == 2);
        publisher = (entry, failure) -> {
            throw new IllegalStateException("broker down");
        };
        StepTally tally = new StepTally();
        Step step = step(4, Step.Kind.UPSERT);

        assertThatThrownBy(() -> delivery(Duration.ofMinutes(5)).deliver("produtos", route, step, tally, () -> true))
                .isInstanceOfSatisfying(RequeueException.class, e -> assertThat(e.from().index()).isEqualTo(2));
        assertThat(tally.deliveredCount()).isEqualTo(2);
    }

    @Test
    void invalidAndOversizedRecordsAreDeadLetteredWithoutARequest() {
        Step invalid = new Step(Step.Kind.INVALID, List.of(PayloadConverter.convert(0, new ConsumerRecord<>("plusoft.produtos", 0, 1,
                "{\"IDPRODUTO\":1}".getBytes(StandardCharsets.UTF_8), "{\"IDPRODUTO\":1,".getBytes(StandardCharsets.UTF_8)), route)));

        delivery(Duration.ofMinutes(5)).deliver("produtos", route, invalid, new StepTally(), () -> true);

        assertThat(failures).extracting(DeliveryFailure::reason).containsExactly(DeadLetterReason.INVALID_PAYLOAD);
        assertThat(failures.get(0).getMessage()).isEqualTo("INVALID_PAYLOAD: value is not a JSON object: malformed JSON at byte 15");
        assertThat(plusoft.requests()).isEmpty();
    }

    @Test
    void plusoftReceivesThePayloadBytesAsTheyWereConsumed() throws IOException {
        List<byte[]> bodies = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            bodies.add(exchange.getRequestBody().readAllBytes());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try {
            List<String> payloads = List.of("{\"IDPRODUTO\":1,\"VLR\":10.50}", " { \"IDPRODUTO\" : 2 , \"VLR\":1.05E+1 }",
                    "{\"IDPRODUTO\":3,\"TXT\":\"Feij\\u00e3o 1kg\",\"TXT2\":\"Feijão\"}");
            List<Entry> entries = new ArrayList<>();
            for (int i = 0; i < payloads.size(); i++) {
                entries.add(PayloadConverter.convert(i, new ConsumerRecord<>("plusoft.produtos", 0, i,
                        ("{\"IDPRODUTO\":" + (i + 1) + "}").getBytes(StandardCharsets.UTF_8),
                        payloads.get(i).getBytes(StandardCharsets.UTF_8)), route));
            }
            EntityRoute wrapped = new EntityRoute(null, "registros", TombstoneAction.DELETE, null, null, null, null).resolve("produtos");
            URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());

            delivery(Duration.ofMinutes(5), base).deliver("produtos", route, new Step(Step.Kind.UPSERT, entries), new StepTally(),
                    () -> true);
            delivery(Duration.ofMinutes(5), base).deliver("produtos", wrapped, new Step(Step.Kind.UPSERT, entries), new StepTally(),
                    () -> true);

            assertThat(bodies).extracting(b -> new String(b, StandardCharsets.UTF_8)).containsExactly(
                    "[" + String.join(",", payloads) + "]",
                    "{\"registros\":[" + String.join(",", payloads) + "]}");
        } finally {
            server.stop(0);
        }
    }

    static final class TestClock extends Clock {
        private Instant now = Instant.parse("2025-03-01T12:00:00Z");

        synchronized void advance(Duration d) {
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
        public synchronized Instant instant() {
            return now;
        }
    }
}
