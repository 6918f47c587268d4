package br.com.cdcplusoft.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.cdcplusoft.core.envelope.ChangeEvent;
import br.com.cdcplusoft.core.envelope.Op;
import br.com.cdcplusoft.core.envelope.Source;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class JsonSerdesTest {

    @Test
    void readsADebeziumEnvelopeKeepingExactDecimalsAndIgnoringUnknownSourceFields() {
        String json = """
                {"before":null,"after":{"SEQNF":10,"VLRITEM":12.10,"QUANTIDADE":0.333},
                 "op":"c","ts_ms":1700000000000,
                 "source":{"connector":"oracle","scn":"123","table":"MFL_DFITEM","snapshot":"false"}}""";
        ChangeEvent event = JsonSerdes.changeEvent().deserializer().deserialize("consinco.vendas", json.getBytes(StandardCharsets.UTF_8));
        assertThat(event.op()).isEqualTo(Op.CREATE);
        assertThat(event.after().get("VLRITEM").decimalValue()).isEqualTo(new BigDecimal("12.10"));
        assertThat(event.source().connector()).isEqualTo("oracle");
        byte[] again = JsonSerdes.changeEvent().serializer().serialize("t", event);
        assertThat(new String(again, StandardCharsets.UTF_8)).contains("\"VLRITEM\":12.10").contains("\"op\":\"c\"")
.doesNotContain("\"delete\"");
    }

    @Test
    void runIdAndForceMarkerSurviveARoundTripAndNoDerivedFieldIsWritten() {
        Source source = new Source("1", "jdbc", "consinco", 1L, "true", null, null, "VW_PLUSOFT_PRODUTO", "produtos",
                null, "run-1", true);
        byte[] bytes = JsonSerdes.changeEvent().serializer().serialize("t", new ChangeEvent(null, null, Op.DELETE, 1L, source));
        assertThat(new String(bytes, StandardCharsets.UTF_8)).doesNotContain("\"delete\"").contains("\"forced\":true");
        ChangeEvent back = JsonSerdes.changeEvent().deserializer().deserialize("t", bytes);
        assertThat(back.source().runId()).isEqualTo("run-1");
        assertThat(back.source().forcedRun()).isTrue();
        assertThat(back.deletes()).isTrue();
    }

    @Test
    void tombstoneReadsAsNull() {
        assertThat(JsonSerdes.changeEvent().deserializer().deserialize("t", null)).isNull();
    }

    @Test
    void invalidJsonNamesTheTopic() {
        assertThatThrownBy(() -> JsonSerdes.changeEvent().deserializer().deserialize("consinco.produtos", "{oops".getBytes()))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("record on topic consinco.produtos is not a valid ChangeEvent JSON");
    }
}
