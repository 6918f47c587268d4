package br.com.cdcplusoft.sink.batching;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.cdcplusoft.sink.converter.Entry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class IdempotencyKeysTest {

    private static Step step(String topic, int partition, long first, long last) {
        return new Step(Step.Kind.UPSERT, List.of(
                new Entry(0, new ConsumerRecord<>(topic, partition, first, null, null), Entry.Kind.UPSERT, new byte[] {'{', '}'}, null),
                new Entry(1, new ConsumerRecord<>(topic, partition, last, null, null), Entry.Kind.UPSERT, new byte[] {'{', '}'}, null)));
    }

    private static final byte[] BODY = "[{},{}]".getBytes(StandardCharsets.UTF_8);

    @Test
    void theSameRecordsAndBodyGiveTheSameKey() {
        String key = IdempotencyKeys.of("produtos", "POST", "/produtos", step("plusoft.produtos", 1, 10, 11), BODY);

        assertThat(key).hasSize(64).matches("[0-9a-f]+")
                .isEqualTo(IdempotencyKeys.of("produtos", "POST", "/produtos", step("plusoft.produtos", 1, 10, 11), BODY.clone()));
    }

    @Test
    void otherCoordinatesOrAnotherBodyGiveAnotherKey() {
        String key = IdempotencyKeys.of("produtos", "POST", "/produtos", step("plusoft.produtos", 1, 10, 11), BODY);

        assertThat(IdempotencyKeys.of("produtos", "POST", "/produtos", step("plusoft.produtos", 1, 12, 13), BODY)).isNotEqualTo(key);
        assertThat(IdempotencyKeys.of("produtos", "POST", "/produtos", step("plusoft.produtos", 2, 10, 11), BODY)).isNotEqualTo(key);
        assertThat(IdempotencyKeys.of("produtos", "DELETE", "/produtos", step("plusoft.produtos", 1, 10, 11), BODY)).isNotEqualTo(key);
        assertThat(IdempotencyKeys.of("produtos", "POST", "/produtos", step("plusoft.produtos", 1, 10, 11),
                "{\"registros\":[{},{}]}".getBytes(StandardCharsets.UTF_8))).isNotEqualTo(key);
    }
}
