package br.com.cdcplusoft.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import br.com.cdcplusoft.dev.simulator.PlusoftSimulator;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A request leaves when it holds max-records records, or when the linger time has passed. */
class BatchingIT {

    private PlusoftSimulator plusoft;
    private SinkHarness harness;

    @BeforeEach
    void start() {
        plusoft = PlusoftSimulator.start(0);
    }

    @AfterEach
    void stop() {
        harness.close();
        plusoft.close();
    }

    private static String cliente(int id) {
        return "{\"IDPESSOA\":\"" + id + "\",\"TXTNOMECOMPLETO\":\"CLIENTE SINTETICO\"}";
    }

    @Test
    void recordsAreCutIntoRequestsOfAtMostMaxRecords() {
        harness = new SinkHarness("count");
        for (int i = 1; i <= 250; i++) {
            harness.produce("clientes", 0, "{\"IDPESSOA\":\"" + i + "\"}", cliente(i), Map.of());
        }
        harness.flush();

        harness.startSink(Map.of("plusoft.base-url", plusoft.baseUri().toString(), "plusoft.batch.max-records", "100"));

        await().atMost(Duration.ofSeconds(30)).until(() -> harness.committed("clientes").getOrDefault(0, 0L) == 250L);
        assertThat(plusoft.requests()).extracting(PlusoftSimulator.ReceivedRequest::records).containsExactly(100, 100, 50);
        assertThat(plusoft.counts("clientes").distinct()).isEqualTo(250);
    }

    @Test
    void recordsArrivingWithinTheLingerTimeTravelInOneRequest() {
        harness = new SinkHarness("linger");
        Duration linger = Duration.ofSeconds(2);
        harness.startSink(Map.of("plusoft.base-url", plusoft.baseUri().toString(), "plusoft.batch.linger", linger.toString(),
                "spring.kafka.listener.concurrency", "1"));
        // a first record, delivered: the consumer is up and its next fetch has just started waiting
        harness.produce("clientes", 0, "{\"IDPESSOA\":\"1\"}", cliente(1), Map.of());
        harness.flush();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> plusoft.counts("clientes").records() == 1);

        Instant burst = Instant.now();
        for (int i = 2; i <= 6; i++) {
            harness.produce("clientes", 0, "{\"IDPESSOA\":\"" + i + "\"}", cliente(i), Map.of());
            harness.flush();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> plusoft.counts("clientes").records() == 6);
        assertThat(plusoft.requests()).extracting(PlusoftSimulator.ReceivedRequest::records).containsExactly(1, 5);
        // five records, far fewer than max-records, waited for the linger time instead of leaving one by one
        assertThat(Duration.between(burst, plusoft.requests().get(1).at())).isGreaterThan(linger.dividedBy(2));
    }
}
