package br.com.cdcplusoft.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import br.com.cdcplusoft.dev.simulator.PlusoftSimulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A consumer stopped in the middle of a batch commits nothing; the next one rebuilds the same
 * request with the same Idempotency-Key, so Plusoft applies the records once.
 */
class RedeliveryIT {

    private final PlusoftSimulator plusoft = PlusoftSimulator.start(0);
    private SinkHarness harness;

    @AfterEach
    void stop() {
        harness.close();
        plusoft.close();
    }

    @Test
    void aBatchCutShortByAStopIsRedeliveredWithTheSameIdempotencyKeyAndAppliedOnce() throws Exception {
        harness = new SinkHarness("crash");
        for (int i = 1; i <= 10; i++) {
            harness.produce("produtos", 0, "{\"IDPRODUTO\":" + i + "}", "{\"IDPRODUTO\":" + i + "}", Map.of());
        }
        harness.flush();
        Map<String, String> props = Map.of("plusoft.base-url", plusoft.baseUri().toString(),
                "plusoft.batch.max-records", "10",
                "plusoft.retry.max-total", "10m",
                "plusoft.circuit-breaker.sliding-window", "100", "plusoft.circuit-breaker.minimum-calls", "100");

        // 1. Plusoft keeps failing: the sink is stopped between two retries
        plusoft.faults().failNext(Integer.MAX_VALUE, 503);
        ConfigurableApplicationContext first = harness.startSink(props);
        await().atMost(Duration.ofSeconds(30)).until(() -> plusoft.requests().size() >= 3);
        harness.stop(first);
        // nothing past the batch: at most its first offset, with the plan of its requests
        assertThat(harness.committed("produtos").getOrDefault(0, 0L)).isZero();
        String key = plusoft.requests().get(0).idempotencyKey();

        // 2. Plusoft applies the batch but the sink is stopped before the answer reaches it
        plusoft.faults().reset();
        CountDownLatch inFlight = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean hold = new AtomicBoolean(true);
        plusoft.onRequest(request -> {
            if (hold.getAndSet(false)) {
                inFlight.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        ConfigurableApplicationContext second = harness.startSink(props);
        assertThat(inFlight.await(30, TimeUnit.SECONDS)).isTrue();
        harness.stop(second);
        release.countDown();
        // nothing past the batch: at most its first offset, with the plan of its requests
        assertThat(harness.committed("produtos").getOrDefault(0, 0L)).isZero();
        assertThat(plusoft.counts("produtos").records()).isEqualTo(10);

        // 3. a new consumer: the same request again, recognised as a repeat
        harness.startSink(props);
        await().atMost(Duration.ofSeconds(30)).until(() -> harness.committed("produtos").getOrDefault(0, 0L) == 10L);

        List<PlusoftSimulator.ReceivedRequest> requests = plusoft.requests();
        assertThat(requests).extracting(PlusoftSimulator.ReceivedRequest::idempotencyKey).containsOnly(key);
        assertThat(requests).extracting(PlusoftSimulator.ReceivedRequest::records).containsOnly(10);
        PlusoftSimulator.Counts counts = plusoft.counts("produtos");
        assertThat(counts.records()).isEqualTo(10);
        assertThat(counts.replayed()).isEqualTo(1);
        assertThat(harness.readAll(harness.topics.payloadDeadLetters("produtos").name())).isEmpty();
    }

    /**
     * The consumer that reads a batch again after a crash usually polls more records than the one
     * that crashed: it must still cut the records Plusoft may already have applied exactly as before
     * (the plan committed with the offset), so their request carries the same key.
     */
    @Test
    void recordsAppliedBeforeACrashAreResentWithTheSameKeyEvenWhenMoreRecordsArrivedMeanwhile() throws Exception {
        harness = new SinkHarness("crash-grown");
        for (int i = 1; i <= 4; i++) {
            harness.produce("produtos", 0, "{\"IDPRODUTO\":" + i + "}", "{\"IDPRODUTO\":" + i + "}", Map.of());
        }
        harness.flush();
        Map<String, String> props = Map.of("plusoft.base-url", plusoft.baseUri().toString(),
                "plusoft.batch.max-records", "10",
                "plusoft.circuit-breaker.sliding-window", "100", "plusoft.circuit-breaker.minimum-calls", "100");

        // Plusoft applies the 4 records, the sink goes away before it hears so
        CountDownLatch inFlight = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean hold = new AtomicBoolean(true);
        plusoft.onRequest(request -> {
            if (hold.getAndSet(false)) {
                inFlight.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        ConfigurableApplicationContext first = harness.startSink(props);
        assertThat(inFlight.await(30, TimeUnit.SECONDS)).isTrue();
        harness.stop(first);
        release.countDown();
        assertThat(plusoft.counts("produtos").records()).isEqualTo(4);
        String key = plusoft.requests().get(0).idempotencyKey();

        // six more records arrive; the next consumer polls all ten
        for (int i = 5; i <= 10; i++) {
            harness.produce("produtos", 0, "{\"IDPRODUTO\":" + i + "}", "{\"IDPRODUTO\":" + i + "}", Map.of());
        }
        harness.flush();
        harness.startSink(props);
        await().atMost(Duration.ofSeconds(30)).until(() -> harness.committed("produtos").getOrDefault(0, 0L) == 10L);

        List<PlusoftSimulator.ReceivedRequest> requests = plusoft.requests();
        assertThat(requests).extracting(PlusoftSimulator.ReceivedRequest::records).containsExactly(4, 4, 6);
        assertThat(requests.get(1).idempotencyKey()).isEqualTo(key);
        assertThat(requests.get(2).idempotencyKey()).isNotEqualTo(key);
        PlusoftSimulator.Counts counts = plusoft.counts("produtos");
        assertThat(counts.records()).as("applied once each").isEqualTo(10);
        assertThat(counts.replayed()).isEqualTo(1);
    }
}
