package br.com.cdcplusoft.sink;

import br.com.cdcplusoft.core.deadletter.DeadLetterFormat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import br.com.cdcplusoft.core.envelope.PipelineHeaders;
import br.com.cdcplusoft.core.json.Json;
import br.com.cdcplusoft.core.run.RunEvent;
import br.com.cdcplusoft.dev.simulator.PlusoftSimulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaHeaders;

/** Delivery against a real local HTTP server (the simulator) from a real in-process broker. */
class DeliveryIT {

    private PlusoftSimulator plusoft;
    private SinkHarness harness;

    @BeforeEach
    void start() {
        plusoft = PlusoftSimulator.start(0);
    }

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
        plusoft.close();
    }

    private Map<String, String> sinkProps(String... more) {
        java.util.Map<String, String> props = new java.util.LinkedHashMap<>();
        props.put("plusoft.base-url", plusoft.baseUri().toString());
        for (int i = 0; i < more.length; i += 2) {
            props.put(more[i], more[i + 1]);
        }
        return props;
    }

    private static String produto(int id) {
        return "{\"IDPRODUTO\":" + id + ",\"TXTDESCRICAOCOMPLETA\":\"PRODUTO " + id + "\",\"VLR\":10.50}";
    }

    @Test
    void aRetriedBatchIsDeliveredOnceAndItsOffsetsAreCommittedOnlyAfterPlusoftAcceptedIt() {
        harness = new SinkHarness("retry503");
        plusoft.faults().failNext(2, 503);
        List<Map<Integer, Long>> committedWhenAnswering = new CopyOnWriteArrayList<>();
        plusoft.onRequest(request -> committedWhenAnswering.add(harness.committed("produtos")));
        for (int i = 1; i <= 10; i++) {
            harness.produce("produtos", 0, "{\"IDPRODUTO\":" + i + "}", produto(i), Map.of());
        }
        harness.flush();

        harness.startSink(sinkProps());

        await().atMost(Duration.ofSeconds(30)).until(() -> harness.committed("produtos").getOrDefault(0, 0L) == 10L);
        List<PlusoftSimulator.ReceivedRequest> requests = plusoft.requests();
        assertThat(requests).extracting(PlusoftSimulator.ReceivedRequest::status).containsExactly(503, 503, 200);
        assertThat(requests).extracting(PlusoftSimulator.ReceivedRequest::idempotencyKey).doesNotContainNull()
                .containsOnly(requests.get(0).idempotencyKey());
        assertThat(requests).allSatisfy(r -> {
            assertThat(r.authorization()).isEqualTo("Bearer test-token");
            assertThat(r.contentType()).isEqualTo("application/json");
            assertThat(r.path()).isEqualTo("/produtos");
            assertThat(r.records()).isEqualTo(10);
        });
        // when Plusoft answered, even the accepting 200, nothing was committed past the batch's first
        // offset (where the plan of its requests is kept)
        assertThat(committedWhenAnswering).hasSize(3).allSatisfy(c -> assertThat(c.getOrDefault(0, 0L)).isZero());
        PlusoftSimulator.Counts counts = plusoft.counts("produtos");
        assertThat(counts.records()).isEqualTo(10);
        assertThat(counts.distinct()).isEqualTo(10);
        assertThat(counts.failed()).isEqualTo(2);
        assertThat(plusoft.payload("produtos", "7")).get().extracting(n -> n.get("VLR").decimalValue().toPlainString())
                .isEqualTo("10.50");
        assertThat(harness.readAll(harness.topics.payloadDeadLetters("produtos").name())).isEmpty();
    }

    @Test
    void aRetryAfterIsWaitedOutEvenWhenTheBackOffIsShorter() {
        harness = new SinkHarness("retry429");
        plusoft.faults().retryAfter(Duration.ofSeconds(2)).failNext(1, 429);
        harness.produce("produtos", 0, "{\"IDPRODUTO\":1}", produto(1), Map.of());
        harness.flush();

        harness.startSink(sinkProps("plusoft.retry.initial", "50ms"));

        await().atMost(Duration.ofSeconds(30)).until(() -> plusoft.counts("produtos").records() == 1);
        List<PlusoftSimulator.ReceivedRequest> requests = plusoft.requests();
        assertThat(requests).extracting(PlusoftSimulator.ReceivedRequest::status).containsExactly(429, 200);
        assertThat(Duration.between(requests.get(0).at(), requests.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    }

    @Test
    void oneRecordRejectedInABatchOfAThousandIsTheOnlyDeadLetterAndTheOthersAreDelivered() throws Exception {
        harness = new SinkHarness("bisect");
        plusoft.faults().rejectWhen(record -> record.get("IDPRODUTO").asInt() == 777);
        for (int i = 1; i <= 1000; i++) {
            harness.produce("produtos", 1, "{\"IDPRODUTO\":" + i + "}", produto(i),
                    Map.of(PipelineHeaders.RUN_ID, "run-42", PipelineHeaders.FORCED, "true"));
        }
        harness.flush();

        harness.startSink(sinkProps("plusoft.batch.linger", "1s"));

        await().atMost(Duration.ofSeconds(60)).until(() -> harness.committed("produtos").getOrDefault(1, 0L) == 1000L);
        assertThat(plusoft.counts("produtos").distinct()).isEqualTo(999);
        assertThat(plusoft.counts("produtos").records()).isEqualTo(999);
        assertThat(plusoft.payload("produtos", "777")).isEmpty();
        assertThat(plusoft.requests().get(0).records()).isEqualTo(1000);

        List<ConsumerRecord<byte[], byte[]>> dead = harness.readAll(harness.topics.payloadDeadLetters("produtos").name());
        assertThat(dead).hasSize(1);
        ConsumerRecord<byte[], byte[]> letter = dead.get(0);
        assertThat(new String(letter.key())).isEqualTo("{\"IDPRODUTO\":777}");
        assertThat(new String(letter.value())).isEqualTo(produto(777));
        assertThat(SinkHarness.header(letter, DeadLetterFormat.SINK_REASON)).isEqualTo("REJECTED");
        assertThat(SinkHarness.header(letter, DeadLetterFormat.SINK_STATUS)).isEqualTo("400");
        assertThat(SinkHarness.header(letter, DeadLetterFormat.SINK_RESPONSE_BODY)).contains("registros rejeitados");
        assertThat(SinkHarness.header(letter, DeadLetterFormat.ORIGINAL_TOPIC)).isEqualTo(harness.topics.payloads("produtos").name());
        assertThat(SinkHarness.header(letter, PipelineHeaders.RUN_ID)).isEqualTo("run-42");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<RunEvent> events = harness.readAll(harness.topics.runs()).stream()
                    .map(r -> Json.mapper().readValue(r.value(), RunEvent.class)).toList();
            assertThat(events).extracting(RunEvent::kind).containsExactlyInAnyOrder(RunEvent.Kind.DELIVERED,
                    RunEvent.Kind.SINK_DEAD_LETTERED);
            assertThat(events).allSatisfy(e -> {
                assertThat(e.runId()).isEqualTo("run-42");
                assertThat(e.entity()).isEqualTo("produtos");
                assertThat(e.forced()).isTrue();
            });
            assertThat(events).filteredOn(e -> e.kind() == RunEvent.Kind.DELIVERED).extracting(RunEvent::count).containsExactly(999L);
            assertThat(events).filteredOn(e -> e.kind() == RunEvent.Kind.SINK_DEAD_LETTERED).extracting(RunEvent::count)
                    .containsExactly(1L);
        });
    }

    @Test
    void aValueThatIsNotOneJsonObjectIsDeadLetteredWithItsReasonAndItsNeighboursAreDelivered() {
        harness = new SinkHarness("invalid");
        String truncated = "{\"IDPRODUTO\":2,\"TXTDESCRICAOCOMPLETA\":\"PROD";
        harness.produce("produtos", 0, "{\"IDPRODUTO\":1}", produto(1), Map.of());
        harness.produce("produtos", 0, "{\"IDPRODUTO\":2}", truncated, Map.of());
        harness.produce("produtos", 0, "{\"IDPRODUTO\":3}", produto(3), Map.of());
        harness.flush();

        harness.startSink(sinkProps());

        await().atMost(Duration.ofSeconds(30)).until(() -> harness.committed("produtos").getOrDefault(0, 0L) == 3L);
        assertThat(plusoft.payloads("produtos")).containsOnlyKeys("1", "3");
        assertThat(plusoft.counts("produtos").rejected()).isZero();
        List<ConsumerRecord<byte[], byte[]>> dead = harness.readAll(harness.topics.payloadDeadLetters("produtos").name());
        assertThat(dead).hasSize(1);
        ConsumerRecord<byte[], byte[]> letter = dead.get(0);
        assertThat(new String(letter.value())).isEqualTo(truncated);
        assertThat(SinkHarness.header(letter, DeadLetterFormat.SINK_REASON)).isEqualTo("INVALID_PAYLOAD");
        assertThat(SinkHarness.header(letter, KafkaHeaders.DLT_EXCEPTION_MESSAGE))
                .isEqualTo("INVALID_PAYLOAD: value is not a JSON object: truncated at byte 43");
        assertThat(SinkHarness.header(letter, DeadLetterFormat.ORIGINAL_TOPIC)).isEqualTo(harness.topics.payloads("produtos").name());
    }

    @Test
    void tombstonesFollowTheirEntitysAction() {
        harness = new SinkHarness("tombstones");
        harness.produce("filiais", 0, "{\"IDFILIAL\":3}", "{\"IDFILIAL\":3,\"TXTNOMEFANTASIA\":\"LOJA 3\",\"FLGATIVA\":1}", Map.of());
        harness.produce("filiais", 0, "{\"IDFILIAL\":3}", null, Map.of());
        harness.produce("produtos", 2, "{\"IDPRODUTO\":5}", produto(5), Map.of());
        harness.produce("produtos", 2, "{\"IDPRODUTO\":5}", null, Map.of());
        harness.produce("produtos", 2, "{\"IDPRODUTO\":6}", produto(6), Map.of());
        harness.produce("vendas", 0, "{\"IDCUPOM\":9,\"IDPRODUTO\":5}", null, Map.of());
        harness.flush();

        harness.startSink(sinkProps());

        await().atMost(Duration.ofSeconds(30)).until(() -> harness.committed("produtos").getOrDefault(2, 0L) == 3L
                && harness.committed("filiais").getOrDefault(0, 0L) == 2L
                && harness.committed("vendas").getOrDefault(0, 0L) == 1L);
        // inactive: the identity plus FLGATIVA=0, after the upsert
        assertThat(plusoft.payload("filiais", "3")).get().hasToString("{\"IDFILIAL\":3,\"FLGATIVA\":0}");
        // delete: upsert 5, delete 5, upsert 6 in three requests, in order
        assertThat(plusoft.requests()).filteredOn(r -> r.entity().equals("produtos"))
                .extracting(r -> r.method() + " " + r.path() + " " + r.records())
                .containsExactly("POST /produtos 1", "DELETE /produtos 1", "POST /produtos 1");
        assertThat(plusoft.payload("produtos", "5")).isEmpty();
        assertThat(plusoft.payload("produtos", "6")).isPresent();
        // skip: nothing sent for vendas
        assertThat(plusoft.requests()).noneMatch(r -> r.entity().equals("vendas"));
    }
}
