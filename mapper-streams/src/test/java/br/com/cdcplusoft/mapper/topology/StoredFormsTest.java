package br.com.cdcplusoft.mapper.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.cdcplusoft.core.envelope.ChangeEvent;
import br.com.cdcplusoft.core.envelope.Op;
import br.com.cdcplusoft.core.json.Json;
import br.com.cdcplusoft.core.run.RunEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;

/** The mapper's stored values (binary, and the JSON of earlier versions) and its reading of change events. */
class StoredFormsTest {

    private static final byte[] KEY = "{\"IDPRODUTO\":10}".getBytes(StandardCharsets.UTF_8);

    @Test
    void aRowStateSurvivesItsBinaryFormWithAndWithoutARun() throws Exception {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest("{\"IDPRODUTO\":10}".getBytes(StandardCharsets.UTF_8));
        RowState state = new RowState(KEY, hash, "run-ção-1", 42, 1_700_000_000_000L);

        byte[] stored = RowState.write("t", state);
        RowState back = RowState.read("t", stored);

        assertThat(stored[0]).isEqualTo(RowState.FORMAT);
        assertThat(back.plusoftKey()).isEqualTo(KEY);
        assertThat(back.hash()).isEqualTo(hash);
        assertThat(back.lastRunId()).isEqualTo("run-ção-1");
        assertThat(back.lastOffset()).isEqualTo(42);
        assertThat(back.emittedAt()).isEqualTo(1_700_000_000_000L);
        assertThat(back.emitted(KEY, hash)).isTrue();
        assertThat(back.emitted("{\"IDPRODUTO\":11}".getBytes(StandardCharsets.UTF_8), hash)).isFalse();
        assertThat(RowState.read("t", RowState.write("t", state.seen(null, 43))).lastRunId()).isEqualTo("run-ção-1");
        assertThat(RowState.read("t", RowState.write("t", new RowState(KEY, hash, null, 1, 0))).lastRunId()).isNull();
    }

    @Test
    void aRowStateAnOlderMapperStoredAsJsonIsStillRead() throws Exception {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(new byte[] {1, 2, 3});
        String json = "{\"plusoftKey\":{\"IDPRODUTO\":10},\"hash\":\"" + Base64.getEncoder().encodeToString(hash)
                + "\",\"lastRunId\":\"r1\",\"lastOffset\":7,\"emittedAt\":5}";

        RowState back = RowState.read("t", json.getBytes(StandardCharsets.UTF_8));

        // the key bytes are what the mapper writes for the same key today, so the unchanged check still holds
        assertThat(back.emitted(KEY, hash)).isTrue();
        assertThat(back.lastRunId()).isEqualTo("r1");
        assertThat(back.lastOffset()).isEqualTo(7);
        assertThat(back.emittedAt()).isEqualTo(5);
    }

    @Test
    void aCorruptRowStateIsAClearError() {
        assertThatThrownBy(() -> RowState.read("vendas-rows", new byte[] {9, 0}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("vendas-rows").hasMessageContaining("format 9");
        assertThatThrownBy(() -> RowState.read("vendas-rows", new byte[] {RowState.FORMAT, 0, 0, 0, 10}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("truncated or corrupt");
    }

    @Test
    void runCountsSurviveTheirBinaryFormAndTheJsonOfOlderVersions() {
        RunCounts counts = RunCounts.none(true).plus(RunEvent.Kind.MAPPED).plus(RunEvent.Kind.MAPPED)
                .plus(RunEvent.Kind.UNCHANGED).plus(RunEvent.Kind.MAPPER_DEAD_LETTERED).plus(RunEvent.Kind.POLLING_MISSED);

        assertThat(RunCounts.read("t", RunCounts.write("t", counts))).isEqualTo(counts);
        assertThat(RunCounts.read("t", ("{\"forced\":false,\"mapped\":3,\"unchanged\":4,\"deadLettered\":5,"
                + "\"missedByPolling\":6}").getBytes(StandardCharsets.UTF_8))).isEqualTo(new RunCounts(false, 3, 4, 5, 6));
        assertThatThrownBy(() -> RunCounts.read("t", new byte[] {RunCounts.FORMAT, 1}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("unknown format");
    }

    @Test
    void anEnvelopeIsReadTheSameWhetherPlainOrWrappedWithItsSchema() {
        String envelope = "{\"before\":null,\"after\":{\"SEQPRODUTO\":10,\"DESCCOMPLETA\":\"ARROZ\"},\"op\":\"c\",\"ts_ms\":1}";
        ChangeEvent plain = EnvelopeReader.read(bytes(" \n" + envelope));
        ChangeEvent wrapped = EnvelopeReader.read(bytes("{\"schema\":{\"type\":\"struct\"},\"payload\":" + envelope + "}"));
        ChangeEvent payloadFirst = EnvelopeReader.read(bytes("{\"payload\":" + envelope + ",\"schema\":null}"));

        assertThat(plain.op()).isEqualTo(Op.CREATE);
        assertThat(plain.after().get("DESCCOMPLETA").asString()).isEqualTo("ARROZ");
        assertThat(wrapped).isEqualTo(plain);
        assertThat(payloadFirst).isEqualTo(plain);
        assertThat(EnvelopeReader.read(bytes("{\"schema\":{},\"payload\":null}"))).isNull();
        assertThat(EnvelopeReader.read(new byte[0])).isNull();
        assertThat(EnvelopeReader.read(bytes("null"))).isNull();
    }

    @Test
    void theStreamingReadGivesWhatDatabindGivesForEveryShape() {
        List<String> envelopes = List.of(
                // the extractor's snapshot row
                "{\"before\":null,\"after\":{\"SEQNF\":1,\"VLRITEM\":10.50,\"DTAHOREMISSAO\":\"2025-03-01T14:32:00\","
                        + "\"NOME\":\"José \\\"Zé\\\"\",\"BIG\":123456789012345678901234},\"op\":\"r\",\"ts_ms\":1740850320000,"
                        + "\"source\":{\"version\":\"1\",\"connector\":\"jdbc\",\"name\":\"consinco\",\"ts_ms\":1740850320000,"
                        + "\"snapshot\":\"true\",\"table\":\"VW_PLUSOFT_VENDA\",\"entity\":\"vendas\",\"cursor\":\"2025-03-01T14:32:00\","
                        + "\"run_id\":\"run-1\",\"forced\":true}}",
                // Debezium's Oracle delete, with the members the mapper does not read
                "{\"before\":{\"SEQPESSOA\":\"10\",\"NOME\":null},\"after\":null,\"source\":{\"version\":\"3.6.1.Final\","
                        + "\"connector\":\"oracle\",\"name\":\"consinco\",\"ts_ms\":1,\"snapshot\":\"false\",\"db\":\"ORCL\","
                        + "\"sequence\":null,\"schema\":\"CONSINCO\",\"table\":\"GE_PESSOA\",\"txId\":\"0a.1.2\",\"scn\":\"123\","
                        + "\"ssn\":0,\"redo_thread\":1,\"rs_id\":null},\"op\":\"d\",\"ts_ms\":2,\"transaction\":null}",
                // types databind coerces: the streaming read leaves them to it
                "{\"after\":{\"A\":1},\"op\":\"u\",\"ts_ms\":\"5\",\"source\":{\"forced\":\"true\",\"run_id\":\"r\"}}",
                "{\"after\":{\"A\":1.5e3},\"op\":\"c\",\"extra\":[1,{\"x\":2}],\"source\":{\"snapshot\":\"incremental\",\"x\":{\"y\":[3]}}}",
                "{\"op\":\"m\",\"source\":null}");
        for (String envelope : envelopes) {
            assertThat(EnvelopeReader.read(bytes(envelope))).as(envelope)
                    .isEqualTo(Json.mapper().readValue(bytes(envelope), ChangeEvent.class));
        }
        // the extractor's and Debezium's shapes are read in the one streaming pass, not by databind
        assertThat(EnvelopeReader.fast(bytes(envelopes.get(0)))).isNotNull();
        assertThat(EnvelopeReader.fast(bytes(envelopes.get(1)))).isNotNull();
        assertThat(EnvelopeReader.fast(bytes(envelopes.get(2)))).isNull();
    }

    @Test
    void anUnreadableEnvelopeFailsAsDatabindFails() {
        for (String bad : List.of("{\"op\":\"x\"}", "{\"after\":[1]}", "{\"after\":{\"A\":1}", "[1]", "{\"op\":\"c\"} trailing")) {
            assertThatThrownBy(() -> EnvelopeReader.read(bytes(bad))).as(bad).isInstanceOf(JacksonException.class);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
