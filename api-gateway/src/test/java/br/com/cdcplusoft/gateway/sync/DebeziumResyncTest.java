package br.com.cdcplusoft.gateway.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.cdcplusoft.core.json.Json;
import br.com.cdcplusoft.core.signal.SnapshotSignals;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class DebeziumResyncTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-01T17:32:00Z"), ZoneOffset.UTC);
    private static final DebeziumResyncProperties SETTINGS = new DebeziumResyncProperties("consinco.signals", "consinco",
            "FREEPDB1.CONSINCO", "consinco.notifications", "gw", null, Duration.ofSeconds(1));

    private final MockProducer<String, String> producer = new MockProducer<>(true, null, new StringSerializer(), new StringSerializer());
    private final DebeziumResync resync = new DebeziumResync(SETTINGS, producer, "pipeline.runs",
            e -> Json.mapper().writeValueAsString(e), CLOCK);

    @Test
    void aReSyncPublishesItsStartThenAsksForTheEntitysTableWithTheRunIdAsSignalId() {
        DebeziumResync.Requested run = resync.request("produtos", true, "manual");

        assertThat(run.runId()).matches("produtos-20250301T173200-[0-9a-f]{8}");
        List<ProducerRecord<String, String>> sent = producer.history();
        assertThat(sent).extracting(ProducerRecord::topic).containsExactly("pipeline.runs", "consinco.signals");
        JsonNode started = Json.mapper().readTree(sent.get(0).value());
        assertThat(started.get("kind").asString()).isEqualTo("STARTED");
        assertThat(started.get("forced").asBoolean()).isTrue();
        assertThat(started.get("detail").asString()).isEqualTo("manual");
        JsonNode signal = Json.mapper().readTree(sent.get(1).value());
        assertThat(sent.get(1).key()).isEqualTo("consinco");
        assertThat(signal.get("id").asString()).isEqualTo(run.runId());
        assertThat(signal.get("data").get("data-collections").get(0).asString()).isEqualTo("FREEPDB1.CONSINCO.MAP_PRODUTO");
    }

    @Test
    void notificationsBecomeTheRunsFacts() {
        String id = "vendas-20250301T173200-1a2b3c4d";
        resync.onNotification(notification(id, "STARTED", null, null), x -> "vendas");
        resync.onNotification(notification(id, "TABLE_SCAN_COMPLETED", "90", "SUCCEEDED"), x -> "vendas");
        resync.onNotification(notification(id, "COMPLETED", null, null), x -> "vendas");
        resync.onNotification(notification("other", "COMPLETED", null, null), x -> null);
        resync.onNotification(notification(id, "TABLE_SCAN_COMPLETED", "0", "SQL_EXCEPTION"), x -> "vendas");

        assertThat(producer.history()).extracting(r -> {
            JsonNode e = Json.mapper().readTree(r.value());
            return e.get("kind").asString() + ":" + e.get("count").asLong();
        }).containsExactly("PUBLISHED:90", "FINISHED:90", "FAILED:0");
        assertThat(Json.mapper().readTree(producer.history().get(2).value()).get("detail").asString())
                .isEqualTo("the incremental snapshot of FREEPDB1.CONSINCO.MFL_DFITEM ended with status SQL_EXCEPTION");
    }

    @Test
    void aSignalKafkaRefusesFailsTheRun() {
        MockProducer<String, String> failing = new MockProducer<>(true, null, new StringSerializer(), new StringSerializer()) {
            @Override
            public synchronized Future<RecordMetadata> send(ProducerRecord<String, String> record) {
                return record.topic().equals("consinco.signals")
                        ? CompletableFuture.failedFuture(new IllegalStateException("no leader")) : super.send(record);
            }
        };
        DebeziumResync broken = new DebeziumResync(SETTINGS, failing, "pipeline.runs", e -> Json.mapper().writeValueAsString(e), CLOCK);

        assertThatThrownBy(() -> broken.request("filiais", false, "manual"))
                .isInstanceOf(SnapshotSignals.SignalException.class)
                .hasMessage("Kafka rejected the execute-snapshot signal on consinco.signals: no leader");
        assertThat(failing.history()).extracting(r -> Json.mapper().readTree(r.value()).get("kind").asString())
                .containsExactly("STARTED", "FAILED");
    }

    @Test
    void settingsHaveDefaultsAndRefuseWhatCannotWork() {
        assertThat(SETTINGS.dataCollections("clientes")).containsExactly("FREEPDB1.CONSINCO.MRL_CLIENTE");
        assertThat(SETTINGS.dataCollections("vendas")).containsExactly("FREEPDB1.CONSINCO.MFL_DFITEM");
        assertThat(new DebeziumResyncProperties("s", "p", "public", "n", "g", Map.of("vendas", List.of("MFL_DOCTOFISCAL")),
                Duration.ofSeconds(1)).dataCollections("vendas")).containsExactly("public.MFL_DOCTOFISCAL");
        assertThatThrownBy(() -> new DebeziumResyncProperties("s", "p", "A.B.C", "n", "g", null, Duration.ofSeconds(1)))
                .hasMessage("gateway.debezium.data-collection-prefix 'A.B.C' is not [catalog.]schema");
        assertThatThrownBy(() -> new DebeziumResyncProperties(" ", "p", "A", "n", "g", null, Duration.ofSeconds(1)))
                .hasMessage("gateway.debezium.signal-topic is required");
        assertThatThrownBy(() -> new DebeziumResyncProperties("s", "p", "A", "n", "g", Map.of("vendas", List.of()), Duration.ofSeconds(1)))
                .hasMessage("gateway.debezium.tables.vendas names no table");
        assertThatThrownBy(() -> new DebeziumResyncProperties("s", "p", "A", "n", "g", null, Duration.ZERO))
                .hasMessage("gateway.debezium.signal-timeout must be positive, was PT0S");
        assertThatThrownBy(() -> SETTINGS.dataCollections("estoque"))
                .hasMessage("gateway.debezium.tables has no table for entity 'estoque'");
    }

    private static byte[] notification(String id, String type, String rows, String status) {
        String data = "\"data_collections\":\"FREEPDB1.CONSINCO.MFL_DFITEM\""
                + (rows == null ? "" : ",\"scanned_collection\":\"FREEPDB1.CONSINCO.MFL_DFITEM\",\"total_rows_scanned\":\"" + rows
                + "\",\"status\":\"" + status + "\"");
        return ("{\"id\":\"" + id + "\",\"aggregate_type\":\"Incremental Snapshot\",\"type\":\"" + type
                + "\",\"additional_data\":{" + data + "},\"timestamp\":1}").getBytes(StandardCharsets.UTF_8);
    }
}
