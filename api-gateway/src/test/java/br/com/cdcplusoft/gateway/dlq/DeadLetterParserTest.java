package br.com.cdcplusoft.gateway.dlq;

import br.com.cdcplusoft.core.deadletter.DeadLetterFormat;
import static org.assertj.core.api.Assertions.assertThat;

import br.com.cdcplusoft.core.json.Json;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The two dead-letter formats, what a re-drive carries, and personal data kept out of what is shown. */
class DeadLetterParserTest {

    @Test
    void mapperDeadLetterCarriesTheOriginalEventAndItsKey() {
        String value = "{\"entity\":\"produtos\",\"field\":\"TXTDESCRICAOCOMPLETA\",\"reason\":\"is required\",\"errors\":[],"
                + "\"topic\":\"consinco.produtos\",\"partition\":2,\"offset\":41,\"key\":{\"SEQPRODUTO\":10},"
                + "\"event\":{\"after\":{\"SEQPRODUTO\":10},\"op\":\"u\"},\"encoding\":\"json\"}";
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("consinco.produtos.dlq", 1, 5, bytes("{\"SEQPRODUTO\":10}"), bytes(value));
        record.headers().add("pipeline-run-id", bytes("run-1")).add("traceparent", bytes("00-abc"));
        DeadLetter d = DeadLetterParser.mapper(record);
        assertThat(d.stage()).isEqualTo(DeadLetter.Stage.MAPPER);
        assertThat(d.reason()).isEqualTo("is required");
        assertThat(d.field()).isEqualTo("TXTDESCRICAOCOMPLETA");
        assertThat(d.origin()).isEqualTo(new DeadLetter.Origin("consinco.produtos", 2, 41L));
        assertThat(d.redrivable()).isTrue();
        assertThat(new String(d.redriveKey(), StandardCharsets.UTF_8)).isEqualTo("{\"SEQPRODUTO\":10}");
        assertThat(Json.mapper().readTree(d.redriveValue())).isEqualTo(Json.mapper().readTree("{\"after\":{\"SEQPRODUTO\":10},\"op\":\"u\"}"));
        assertThat(d.headers()).extracting(h -> h.key()).containsExactly("traceparent");
    }

    @Test
    void mapperDeadLetterOfAnUnreadableEventCannotBeReDriven() {
        String value = "{\"entity\":\"produtos\",\"field\":null,\"reason\":\"value is not a readable change event\",\"errors\":[],"
                + "\"topic\":\"consinco.produtos\",\"partition\":0,\"offset\":3,\"key\":null,\"event\":\"AAEC\",\"encoding\":\"base64\"}";
        DeadLetter d = DeadLetterParser.mapper(new ConsumerRecord<>("consinco.produtos.dlq", 0, 0, null, bytes(value)));
        assertThat(d.redrivable()).isFalse();
        assertThat(d.reason()).isEqualTo("value is not a readable change event");
        assertThat(DeadLetterParser.mapper(new ConsumerRecord<>("consinco.produtos.dlq", 0, 1, null, bytes("not json"))).redrivable())
                .isFalse();
    }

    @Test
    void sinkDeadLetterKeepsKeyAndValueAndReadsSpringsOriginHeaders() {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("plusoft.clientes.dlq", 0, 9, bytes("{\"IDPESSOA\":\"52998224725\"}"),
                null);
        record.headers().add(DeadLetterFormat.SINK_REASON, bytes("TOO_LARGE")).add(DeadLetterFormat.SINK_STATUS, bytes("413"))
                .add(DeadLetterFormat.SINK_RESPONSE_BODY, bytes("CPF 529.982.247-25 e 52998224725, fone 11987654321, joao.silva@example.com"))
                .add(DeadLetterFormat.ORIGINAL_TOPIC, bytes("plusoft.clientes"))
                .add(DeadLetterFormat.ORIGINAL_PARTITION, ByteBuffer.allocate(4).putInt(2).array())
                .add(DeadLetterFormat.ORIGINAL_OFFSET, ByteBuffer.allocate(8).putLong(1234).array())
                .add("kafka_dlt-exception-message", bytes("x"));
        DeadLetter d = DeadLetterParser.sink(record);
        assertThat(d.reason()).isEqualTo("TOO_LARGE");
        assertThat(d.status()).isEqualTo(413);
        assertThat(d.origin()).isEqualTo(new DeadLetter.Origin("plusoft.clientes", 2, 1234L));
        assertThat(d.redrivable()).isTrue();
        assertThat(d.redriveValue()).isNull();
        assertThat(d.headers()).isEmpty();
        assertThat(d.detail()).isEqualTo("CPF *** e ***, fone ***, ***@example.com");
    }

    @Test
    void keysAreMaskedForDisplay() {
        assertThat(DeadLetterQueues.mask(Json.mapper().readTree("{\"IDPESSOA\":\"52998224725\"}")).toString())
                .isEqualTo("{\"IDPESSOA\":\"***.***.***-25\"}");
        assertThat(DeadLetterQueues.mask(Json.mapper().readTree("{\"IDCUPOM\":1,\"IDPRODUTO\":2}")).toString())
                .isEqualTo("{\"IDCUPOM\":1,\"IDPRODUTO\":2}");
        assertThat(DeadLetterQueues.mask(null)).isNull();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
