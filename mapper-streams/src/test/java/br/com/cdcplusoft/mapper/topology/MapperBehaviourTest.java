package br.com.cdcplusoft.mapper.topology;

import static br.com.cdcplusoft.mapper.topology.TopologyFixture.delete;
import static br.com.cdcplusoft.mapper.topology.TopologyFixture.json;
import static br.com.cdcplusoft.mapper.topology.TopologyFixture.upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import br.com.cdcplusoft.core.envelope.PipelineHeaders;
import br.com.cdcplusoft.core.envelope.RunEndMarker;
import br.com.cdcplusoft.core.json.Json;
import br.com.cdcplusoft.core.run.RunEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Dead letters, unchanged payloads, forced re-syncs, deletes, run ends and run counts. */
@ExtendWith(OutputCaptureExtension.class)
class MapperBehaviourTest {

    @TempDir
    Path state;
    private TopologyFixture mapper;

    @BeforeEach
    void start() {
        mapper = new TopologyFixture(state);
    }

    @AfterEach
    void stop() {
        mapper.close();
    }

    private static ObjectNode produto(int seq, String name) {
        return json("{\"SEQPRODUTO\":" + seq + ",\"DESCCOMPLETA\":\"" + name + "\",\"DESCREDUZIDA\":null,\"SEQFAMILIA\":1,"
                + "\"FAMILIA\":\"ARROZ\",\"PESAVEL\":\"N\",\"MARCA\":\"Camil\"}");
    }

    private static ObjectNode produtoKey(int seq) {
        return json("{\"SEQPRODUTO\":" + seq + "}");
    }

    private static ObjectNode cliente(int seq, long cpfNumber, int cpfDigits) {
        return json("{\"SEQPESSOA\":" + seq + ",\"NOMERAZAO\":\"Maria Silva\",\"FISICAJURIDICA\":\"F\",\"NROCGCCPF\":" + cpfNumber
                + ",\"DIGCGCCPF\":" + cpfDigits + ",\"EMAIL\":\"maria." + seq + "@exemplo.com.br\"}");
    }

    @Test
    void invalidCpfIsADeadLetterWithItsReasonAndTheNextRowFlows() {
        ObjectNode invalid = cliente(997, 123456789, 10);
        mapper.send("clientes", json("{\"SEQPESSOA\":997}"), upsert(invalid));
        mapper.send("clientes", json("{\"SEQPESSOA\":998}"), upsert(cliente(998, 123456789, 9)));

        List<TestRecord<String, String>> dead = mapper.deadLetters("clientes");
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).key()).isEqualTo("{\"SEQPESSOA\":997}");
        JsonNode letter = json(dead.get(0).value());
        assertThat(letter.get("entity").asString()).isEqualTo("clientes");
        assertThat(letter.get("field").asString()).isEqualTo("IDPESSOA");
        assertThat(letter.get("reason").asString()).isEqualTo("is not a valid CPF (check digits do not match, or all digits are equal)");
        assertThat(letter.get("topic").asString()).isEqualTo("consinco.clientes");
        assertThat(letter.get("partition").intValue()).isZero();
        assertThat(letter.get("offset").longValue()).isZero();
        assertThat(letter.get("key")).isEqualTo(json("{\"SEQPESSOA\":997}"));
        assertThat(letter.get("event").get("after")).isEqualTo(invalid);
        assertThat(letter.get("encoding").asString()).isEqualTo("json");
        assertThat(mapper.payloads("clientes")).extracting(TestRecord::key).containsExactly("{\"IDPESSOA\":\"12345678909\"}");
    }

    @Test
    void everyFieldErrorIsListedAndTheFirstIsTheHeadline() {
        mapper.send("vendas", json("{\"SEQNF\":1,\"SEQPRODUTO\":2}"), upsert(json("""
                {"SEQNF":1,"SEQPRODUTO":2,"NROEMPRESA":null,"DTAHOREMISSAO":"ontem","QUANTIDADE":0,"VLRITEM":10,"STATUSDF":"X"}""")));

        JsonNode letter = json(mapper.deadLetters("vendas").get(0).value());

        assertThat(letter.get("field").asString()).isEqualTo("IDFILIAL");
        assertThat(letter.get("errors")).extracting(e -> e.get("field").asString() + " " + e.get("reason").asString())
                .containsExactly(
                        "IDFILIAL is required but has no value (source NROEMPRESA)",
                        "DATVENDA is not an ISO-8601 date or date-time",
                        "VLRPRECOVENDAUNITARIO divides by zero (its second column is 0)",
                        "TXTTIPOVENDA has a code that lookup table of field TXTTIPOVENDA does not list, and no 'otherwise' is set");
    }

    @Test
    void unreadableRecordIsADeadLetterInBase64AndTheNextRecordFlows() {
        byte[] poison = {'{', 'n', 'o', 't', ' ', 0x00, (byte) 0xff};
        mapper.sendRaw("produtos", "{\"SEQPRODUTO\":1}".getBytes(StandardCharsets.UTF_8), poison);
        mapper.sendRaw("produtos", "{\"SEQPRODUTO\":2}".getBytes(StandardCharsets.UTF_8),
                "{\"op\":\"x\",\"after\":{}}".getBytes(StandardCharsets.UTF_8));
        mapper.send("produtos", produtoKey(3), upsert(produto(3, "Arroz Agulhinha Tipo 1 5kg")));

        List<TestRecord<String, String>> dead = mapper.deadLetters("produtos");
        assertThat(dead).hasSize(2);
        JsonNode first = json(dead.get(0).value());
        assertThat(first.get("field").isNull()).isTrue();
        assertThat(first.get("reason").asString()).startsWith("value is not a readable change event: ");
        assertThat(first.get("encoding").asString()).isEqualTo("base64");
        assertThat(Base64.getDecoder().decode(first.get("event").asString())).isEqualTo(poison);
        JsonNode second = json(dead.get(1).value());
        assertThat(second.get("reason").asString()).contains("unknown change op 'x'");
        assertThat(second.get("event")).isEqualTo(json("{\"op\":\"x\",\"after\":{}}"));
        assertThat(second.get("offset").longValue()).isEqualTo(1);
        assertThat(mapper.payloads("produtos")).extracting(TestRecord::key).containsExactly("{\"IDPRODUTO\":3}");
    }

    @Test
    void unchangedPayloadIsDroppedAChangedOneEmittedOnceAndAForcedOnePasses() {
        mapper.send("produtos", produtoKey(1), upsert(produto(1, "Arroz Agulhinha Tipo 1 5kg")));
        // the same row again, written differently (padding the spec trims): same payload
        mapper.send("produtos", produtoKey(1), upsert(produto(1, "  Arroz Agulhinha Tipo 1 5kg ")));
        mapper.send("produtos", produtoKey(1), upsert(produto(1, "Arroz Agulhinha Tipo 1 1kg")));
        mapper.sendSnapshot("produtos", produtoKey(1), produto(1, "Arroz Agulhinha Tipo 1 1kg"), "nightly", false);
        mapper.sendSnapshot("produtos", produtoKey(1), produto(1, "Arroz Agulhinha Tipo 1 1kg"), "resync", true);

        List<TestRecord<String, String>> out = mapper.payloads("produtos");

        assertThat(out).extracting(r -> json(r.value()).get("TXTDESCRICAOCOMPLETA").asString())
                .containsExactly("Arroz Agulhinha Tipo 1 5kg", "Arroz Agulhinha Tipo 1 1kg", "Arroz Agulhinha Tipo 1 1kg");
        assertThat(TopologyFixture.header(out.get(2), PipelineHeaders.FORCED)).isEqualTo("true");
        assertThat(TopologyFixture.header(out.get(2), PipelineHeaders.RUN_ID)).isEqualTo("resync");
    }

    @Test
    void forceMarkerInTheSourceBlockAloneAlsoPassesAndIsCopiedToTheHeaders() {
        mapper.send("produtos", produtoKey(1), upsert(produto(1, "Arroz")));
        var forced = new br.com.cdcplusoft.core.envelope.ChangeEvent(null, produto(1, "Arroz"), br.com.cdcplusoft.core.envelope.Op.READ,
                1L, new br.com.cdcplusoft.core.envelope.Source(null, "jdbc", null, 1L, "true", null, null, null, "produtos",
                null, "r-9", true));
        mapper.send("produtos", produtoKey(1), forced);

        List<TestRecord<String, String>> out = mapper.payloads("produtos");

        assertThat(out).hasSize(2);
        assertThat(TopologyFixture.header(out.get(1), PipelineHeaders.RUN_ID)).isEqualTo("r-9");
        assertThat(TopologyFixture.header(out.get(1), PipelineHeaders.FORCED)).isEqualTo("true");
    }

    @Test
    void debeziumIncrementalSnapshotRowIsAReSyncAndPassesThoughUnchanged() {
        mapper.send("produtos", produtoKey(1), upsert(produto(1, "Arroz")));
        var snapshot = new br.com.cdcplusoft.core.envelope.Source("3.6.1.Final", "oracle", "consinco", 1L, "true", null,
                null, "MAP_PRODUTO", null, null, null, null);
        var incremental = new br.com.cdcplusoft.core.envelope.Source("3.6.1.Final", "oracle", "consinco", 1L, "incremental",
                null, null, "MAP_PRODUTO", null, null, null, null);
        mapper.send("produtos", produtoKey(1), new br.com.cdcplusoft.core.envelope.ChangeEvent(null, produto(1, "Arroz"),
                br.com.cdcplusoft.core.envelope.Op.READ, 1L, snapshot));
        mapper.send("produtos", produtoKey(1), new br.com.cdcplusoft.core.envelope.ChangeEvent(null, produto(1, "Arroz"),
                br.com.cdcplusoft.core.envelope.Op.READ, 1L, incremental));

        List<TestRecord<String, String>> out = mapper.payloads("produtos");

        assertThat(out).as("the initial snapshot's re-read is dropped, the incremental one is not").hasSize(2);
        assertThat(TopologyFixture.header(out.get(1), PipelineHeaders.FORCED)).isEqualTo("true");
    }

    @Test
    void deleteEventYieldsATombstoneAndDebeziumsFollowingTombstoneNothingMore() {
        mapper.send("clientes", json("{\"SEQPESSOA\":5}"), upsert(cliente(5, 1234567, 97)));
        mapper.send("clientes", json("{\"SEQPESSOA\":5}"), delete(json("{\"SEQPESSOA\":5}")));
        mapper.send("clientes", json("{\"SEQPESSOA\":5}"), null);

        List<TestRecord<String, String>> out = mapper.payloads("clientes");

        // the before image has only the primary key: the Plusoft key (the CPF) comes from the state
        assertThat(out).extracting(TestRecord::key, TestRecord::value).containsExactly(
                tuple("{\"IDPESSOA\":\"00123456797\"}", out.get(0).value()),
                tuple("{\"IDPESSOA\":\"00123456797\"}", null));
    }

    @Test
    void tombstoneAloneDeletesAndADeleteOfAnUnknownRowUsesItsBeforeImage() {
        mapper.send("vendas", json("{\"SEQNF\":9,\"SEQPRODUTO\":1}"), upsert(json("""
                {"SEQNF":9,"SEQPRODUTO":1,"NROEMPRESA":1,"DTAHOREMISSAO":"2025-03-01T10:00:00","QUANTIDADE":1,"VLRITEM":5,"STATUSDF":"V"}""")));
        mapper.send("vendas", json("{\"SEQNF\":9,\"SEQPRODUTO\":1}"), null);
        mapper.send("vendas", json("{\"SEQNF\":8,\"SEQPRODUTO\":1}"), delete(json("{\"SEQNF\":8,\"SEQPRODUTO\":1}")));
        mapper.send("vendas", json("{\"SEQNF\":7,\"SEQPRODUTO\":1}"), null);

        assertThat(mapper.payloads("vendas")).extracting(TestRecord::key, r -> r.value() == null).containsExactly(
                tuple("{\"IDCUPOM\":9,\"IDPRODUTO\":1}", false),
                tuple("{\"IDCUPOM\":9,\"IDPRODUTO\":1}", true),
                tuple("{\"IDCUPOM\":8,\"IDPRODUTO\":1}", true));
    }

    @Test
    void correctedCpfRetractsTheOldIdentity() {
        mapper.send("clientes", json("{\"SEQPESSOA\":5}"), upsert(cliente(5, 1234567, 97)));
        mapper.send("clientes", json("{\"SEQPESSOA\":5}"), upsert(cliente(5, 123456789, 9)));

        assertThat(mapper.payloads("clientes")).extracting(TestRecord::key, r -> r.value() == null).containsExactly(
                tuple("{\"IDPESSOA\":\"00123456797\"}", false),
                tuple("{\"IDPESSOA\":\"00123456797\"}", true),
                tuple("{\"IDPESSOA\":\"12345678909\"}", false));
    }

    @Test
    void runEndDeletesTheRowsTheRunDidNotSeeButNotOnesWrittenDuringIt() {
        for (int seq = 1; seq <= 3; seq++) {
            mapper.sendSnapshot("produtos", produtoKey(seq), produto(seq, "Produto " + seq), "run-1", false);
        }
        mapper.sendRunEnd("produtos", "run-1", 3);
        mapper.sendSnapshot("produtos", produtoKey(1), produto(1, "Produto 1"), "run-2", false);
        // inserted at the source after the snapshot read past its key: the poll saw it, the run did not
        mapper.send("produtos", produtoKey(4), upsert(produto(4, "Produto 4")));
        mapper.sendSnapshot("produtos", produtoKey(2), produto(2, "Produto 2 novo"), "run-2", false);
        // 1 of the 4 rows known: past the delete guard's 10%, so the operator confirmed it
        mapper.sendRunEnd("produtos", "run-2", 2, true);

        List<TestRecord<String, String>> out = mapper.payloads("produtos");

        assertThat(out).extracting(TestRecord::key, r -> r.value() == null ? null : json(r.value()).get("TXTDESCRICAOCOMPLETA").asString())
                .containsExactly(
                        tuple("{\"IDPRODUTO\":1}", "Produto 1"),
                        tuple("{\"IDPRODUTO\":2}", "Produto 2"),
                        tuple("{\"IDPRODUTO\":3}", "Produto 3"),
                        tuple("{\"IDPRODUTO\":4}", "Produto 4"),
                        tuple("{\"IDPRODUTO\":2}", "Produto 2 novo"),
                        tuple("{\"IDPRODUTO\":3}", null));
        TestRecord<String, String> tombstone = out.get(5);
        assertThat(TopologyFixture.header(tombstone, PipelineHeaders.RUN_ID)).isEqualTo("run-2");
        assertThat(tombstone.headers().lastHeader(PipelineHeaders.CONTROL)).isNull();
        assertThat(mapper.deadLetters("produtos")).isEmpty();
    }

    @Test
    void aRunThatWouldDeleteMoreThanTheGuardAllowsDeletesNothingAndItsStatusSaysHowManyAndWhy(CapturedOutput output) {
        for (int seq = 1; seq <= 20; seq++) {
            mapper.sendSnapshot("produtos", produtoKey(seq), produto(seq, "Produto " + seq), "run-1", false);
        }
        mapper.sendRunEnd("produtos", "run-1", 20);
        mapper.runEvents();
        mapper.payloads("produtos");
        // a broken job removed 3 of the 20 rows (15%) from the view
        mapper.sendRunStart("produtos", "run-2");
        for (int seq = 4; seq <= 20; seq++) {
            mapper.sendSnapshot("produtos", produtoKey(seq), produto(seq, "Produto " + seq), "run-2", false);
        }
        mapper.sendRunEnd("produtos", "run-2", 17);

        assertThat(mapper.payloads("produtos")).isEmpty();
        String reason = "would delete 3 of the 20 rows known on partition 0 (15.0%), more than the delete guard allows (10.0%):"
                + " nothing deleted; confirm with POST /produtos/sincronizar?confirmarExclusoes=true";
        assertThat(mapper.runEvents()).extracting(TestRecord::key, r -> r.value().kind(), r -> r.value().count(), r -> r.value().detail())
                .containsExactly(tuple("run-2", RunEvent.Kind.DELETES_REFUSED, 3L, reason));
        assertThat(output.getAll()).contains("Entity produtos: run run-2 " + reason);

        // the operator looked, and confirms: the same run again deletes the three
        mapper.sendRunStart("produtos", "run-3");
        for (int seq = 4; seq <= 20; seq++) {
            mapper.sendSnapshot("produtos", produtoKey(seq), produto(seq, "Produto " + seq), "run-3", false);
        }
        mapper.sendRunEnd("produtos", "run-3", 17, true);
        assertThat(mapper.payloads("produtos")).extracting(TestRecord::key, r -> r.value() == null).containsExactly(
                tuple("{\"IDPRODUTO\":1}", true), tuple("{\"IDPRODUTO\":2}", true), tuple("{\"IDPRODUTO\":3}", true));
    }

    @Test
    void aRunWithinTheGuardDeletesWithoutConfirmation() {
        for (int seq = 1; seq <= 20; seq++) {
            mapper.sendSnapshot("produtos", produtoKey(seq), produto(seq, "Produto " + seq), "run-1", false);
        }
        mapper.sendRunEnd("produtos", "run-1", 20);
        mapper.payloads("produtos");
        mapper.sendRunStart("produtos", "run-2");
        for (int seq = 1; seq <= 18; seq++) {
            mapper.sendSnapshot("produtos", produtoKey(seq), produto(seq, "Produto " + seq), "run-2", false);
        }
        mapper.sendRunEnd("produtos", "run-2", 18);

        assertThat(mapper.payloads("produtos")).extracting(TestRecord::key, r -> r.value() == null).containsExactly(
                tuple("{\"IDPRODUTO\":19}", true), tuple("{\"IDPRODUTO\":20}", true));
        assertThat(mapper.runEvents()).noneMatch(r -> r.value().kind() == RunEvent.Kind.DELETES_REFUSED);
    }

    /**
     * The run's rows all hashed to other partitions; polling published a new row here while the run
     * went on. The run's start marker, not its end marker, bounds what it may delete on this partition.
     */
    @Test
    void aRowPolledDuringARunOnAPartitionWhereTheRunHadNoRowsIsNotDeletedByItsEnd() {
        mapper.sendSnapshot("produtos", produtoKey(1), produto(1, "Produto 1"), "run-1", false);
        mapper.sendRunEnd("produtos", "run-1", 1);
        mapper.payloads("produtos");
        mapper.sendRunStart("produtos", "run-2");
        mapper.send("produtos", produtoKey(2), upsert(produto(2, "Produto 2 novo na fonte")));
        // confirmed, so that only the run's bounds decide: row 1 left the view, row 2 arrived during the run
        mapper.sendRunEnd("produtos", "run-2", 30, true);

        assertThat(mapper.payloads("produtos")).extracting(TestRecord::key, r -> r.value() == null).containsExactly(
                tuple("{\"IDPRODUTO\":2}", false), tuple("{\"IDPRODUTO\":1}", true));
    }

    @Test
    void aPayloadTheSinkDeadLetteredIsNotUnchangedSoTheNextPlainResyncSendsItAgainOnce() {
        mapper.sendSnapshot("produtos", produtoKey(1), produto(1, "Produto 1"), "run-1", false);
        mapper.sendSnapshot("produtos", produtoKey(2), produto(2, "Produto 2"), "run-1", false);
        List<TestRecord<String, String>> first = mapper.payloads("produtos");
        // Plusoft refused product 1 (a 400): the sink dead-lettered it with its key and payload
        mapper.sendSinkDeadLetter("produtos", first.get(0).key(), first.get(0).value(), Duration.ofSeconds(1));

        mapper.sendSnapshot("produtos", produtoKey(1), produto(1, "Produto 1"), "run-2", false);
        mapper.sendSnapshot("produtos", produtoKey(2), produto(2, "Produto 2"), "run-2", false);
        assertThat(mapper.payloads("produtos")).extracting(TestRecord::key, TestRecord::value)
                .containsExactly(tuple(first.get(0).key(), first.get(0).value()));

        // delivered this time: the next plain run finds it unchanged again
        mapper.sendSnapshot("produtos", produtoKey(1), produto(1, "Produto 1"), "run-3", false);
        assertThat(mapper.payloads("produtos")).isEmpty();
    }

    @Test
    void aPlainRunCountsTheRowsItFoundChangedThatPollingHadNotSentAndWarns(CapturedOutput output) {
        mapper.send("produtos", produtoKey(1), upsert(produto(1, "Produto 1")));
        mapper.send("produtos", produtoKey(2), upsert(produto(2, "Produto 2")));
        mapper.payloads("produtos");
        mapper.sendRunStart("produtos", "run-9");
        mapper.sendSnapshot("produtos", produtoKey(1), produto(1, "Produto 1"), "run-9", false, "nightly");
        // committed late, behind the look-back: polling never sent this version
        mapper.sendSnapshot("produtos", produtoKey(2), produto(2, "Produto 2 alterado"), "run-9", false, "nightly");
        mapper.sendRunEnd("produtos", "run-9", 2);
        mapper.driver.advanceWallClockTime(Duration.ofSeconds(1));

        assertThat(mapper.runEvents()).extracting(r -> r.value().kind(), r -> r.value().count()).containsExactly(
                tuple(RunEvent.Kind.MAPPED, 1L), tuple(RunEvent.Kind.UNCHANGED, 1L), tuple(RunEvent.Kind.POLLING_MISSED, 1L));
        assertThat(output.getAll()).contains("Entity produtos: run run-9 found 1 rows on partition 0 changed that polling had not sent");

        // a forced run, or an entity polled by runs, is not a measure of polling
        mapper.sendSnapshot("produtos", produtoKey(2), produto(2, "Produto 2 de novo"), "run-10", true, "manual");
        mapper.sendSnapshot("filiais", json("{\"NROEMPRESA\":1}"), json("{\"NROEMPRESA\":1,\"NOMEREDUZIDO\":\"Loja 1\"}"),
                "run-11", false, "manual");
        mapper.driver.advanceWallClockTime(Duration.ofSeconds(1));
        assertThat(mapper.runEvents()).noneMatch(r -> r.value().kind() == RunEvent.Kind.POLLING_MISSED);
    }

    @Test
    void runEndOfAnEmptyRunDeletesNothing() {
        mapper.sendSnapshot("produtos", produtoKey(1), produto(1, "Produto 1"), "run-1", false);
        mapper.sendRunEnd("produtos", "run-2", 0);

        assertThat(mapper.payloads("produtos")).hasSize(1);
    }

    @Test
    void runEndForAnEntityWithoutDeleteMissingOnlyEndsTheRun() {
        mapper.sendSnapshot("vendas", json("{\"SEQNF\":1,\"SEQPRODUTO\":1}"), json("""
                {"SEQNF":1,"SEQPRODUTO":1,"NROEMPRESA":1,"DTAHOREMISSAO":"2025-03-01T10:00:00","QUANTIDADE":1,"VLRITEM":5,"STATUSDF":"V"}"""),
                "run-1", false);
        mapper.sendRunEnd("vendas", "run-2", 5);

        assertThat(mapper.payloads("vendas")).hasSize(1);
        assertThat(mapper.deadLetters("vendas")).isEmpty();
    }

    @Test
    void controlRecordsAreNeverForwarded() {
        mapper.send("produtos", RunEndMarker.key(0), RunEndMarker.value("produtos", "VW", "run-3", false, 10), new RecordHeaders());
        mapper.send("produtos", json("{\"SEQPRODUTO\":1}"), new br.com.cdcplusoft.core.envelope.ChangeEvent(null, null,
                br.com.cdcplusoft.core.envelope.Op.MESSAGE, 1L, null));

        assertThat(mapper.payloads("produtos")).isEmpty();
        assertThat(mapper.deadLetters("produtos")).isEmpty();
    }

    @Test
    void runCountsArePublishedAsDeltasOnTheWallClock() {
        mapper.sendSnapshot("clientes", json("{\"SEQPESSOA\":1}"), cliente(1, 123456789, 9), "run-5", true);
        mapper.sendSnapshot("clientes", json("{\"SEQPESSOA\":2}"), cliente(2, 123456789, 10), "run-5", true);
        mapper.send("clientes", json("{\"SEQPESSOA\":3}"), upsert(cliente(3, 1234567, 97)));
        assertThat(mapper.runEvents()).isEmpty();

        mapper.driver.advanceWallClockTime(Duration.ofSeconds(1));
        List<TestRecord<String, RunEvent>> first = mapper.runEvents();
        mapper.sendSnapshot("clientes", json("{\"SEQPESSOA\":1}"), cliente(1, 123456789, 9), "run-6", false);
        mapper.driver.advanceWallClockTime(Duration.ofSeconds(1));
        List<TestRecord<String, RunEvent>> second = mapper.runEvents();
        mapper.driver.advanceWallClockTime(Duration.ofSeconds(1));

        assertThat(first).extracting(TestRecord::key, r -> r.value().entity(), r -> r.value().kind(), r -> r.value().count(),
                r -> r.value().forced()).containsExactly(
                tuple("run-5", "clientes", RunEvent.Kind.MAPPED, 1L, true),
                tuple("run-5", "clientes", RunEvent.Kind.MAPPER_DEAD_LETTERED, 1L, true));
        assertThat(second).extracting(TestRecord::key, r -> r.value().kind(), r -> r.value().count())
                .containsExactly(tuple("run-6", RunEvent.Kind.UNCHANGED, 1L));
        assertThat(mapper.runEvents()).isEmpty();
    }

    @Test
    void recordWithoutAnySourceKeyIsADeadLetter() {
        mapper.send("produtos", null, upsert(json("{\"DESCCOMPLETA\":\"Sem chave\"}")));

        assertThat(json(mapper.deadLetters("produtos").get(0).value()).get("reason").asString())
                .isEqualTo("has no source key: neither the key nor the row holds [SEQPRODUTO]");
    }

    @Test
    void stateSurvivesInTheStoreAcrossRecordsOfTheSameKeyWrittenDifferently() {
        mapper.send("produtos", json("{\"SEQPRODUTO\":10}"), upsert(produto(10, "Feijão")));
        // Debezium's decimal-as-string key for the same row
        mapper.send("produtos", json("{\"SEQPRODUTO\":\"10\"}"), upsert(produto(10, "Feijão")));

        assertThat(mapper.payloads("produtos")).hasSize(1);
        RowState state = (RowState) mapper.driver.getKeyValueStore("produtos-rows").get("10");
        assertThat(new String(state.plusoftKey(), StandardCharsets.UTF_8)).isEqualTo("{\"IDPRODUTO\":10}");
    }
}
