package br.com.cdcplusoft.core.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class SnapshotSignalsTest {

    @Test
    void theSignalCarriesItsIdTheTablesAndTheFiltersKeyedByTheTopicPrefix() {
        MockProducer<String, String> producer = new MockProducer<>(true, null, new StringSerializer(), new StringSerializer());
        SnapshotSignals signals = new SnapshotSignals(producer, "consinco.signals", "consinco", Duration.ofSeconds(1));

        String at = signals.executeIncrementalSnapshot("vendas-20250301T143200-1a2b3c4d", List.of("FREEPDB1.CONSINCO.MFL_DOCTOFISCAL"),
                Map.of("FREEPDB1.CONSINCO.MFL_DOCTOFISCAL", "DTAMOVIMENTO >= DATE '2025-07-01'"));

        assertThat(at).isEqualTo("consinco.signals-0@0");
        assertThat(producer.history()).singleElement().satisfies(r -> {
            assertThat(r.topic()).isEqualTo("consinco.signals");
            assertThat(r.key()).isEqualTo("consinco");
            assertThat(r.value()).isEqualTo("{\"id\":\"vendas-20250301T143200-1a2b3c4d\",\"type\":\"execute-snapshot\","
                    + "\"data\":{\"data-collections\":[\"FREEPDB1.CONSINCO.MFL_DOCTOFISCAL\"],\"type\":\"incremental\","
                    + "\"additional-conditions\":[{\"data-collection\":\"FREEPDB1.CONSINCO.MFL_DOCTOFISCAL\","
                    + "\"filter\":\"DTAMOVIMENTO >= DATE '2025-07-01'\"}]}}");
        });
    }

    @Test
    void badRequestsAreRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> SnapshotSignals.executeSnapshotJson("r", List.of(), Map.of()))
                .hasMessage("an incremental snapshot needs at least one data collection");
        assertThatThrownBy(() -> SnapshotSignals.executeSnapshotJson("r", List.of("A.B; DROP TABLE X"), Map.of()))
                .hasMessage("data collection 'A.B; DROP TABLE X' is not a [catalog.][schema.]table name");
        assertThatThrownBy(() -> SnapshotSignals.executeSnapshotJson("r", List.of("A.B"), Map.of("A.C", "1 = 1")))
                .hasMessage("filter for 'A.C', which is not among the data collections [A.B]");
        assertThatThrownBy(() -> SnapshotSignals.executeSnapshotJson(" ", List.of("A.B"), Map.of()))
                .hasMessage("signal id is required");
        MockProducer<String, String> producer = new MockProducer<>(true, null, new StringSerializer(), new StringSerializer());
        assertThatThrownBy(() -> new SnapshotSignals(producer, "", "consinco", Duration.ofSeconds(1)))
                .hasMessage("signal topic is required");
    }

    @Test
    void notificationsOfIncrementalSnapshotsAreReadOthersAreNot() {
        byte[] scan = ("{\"id\":\"run-1\",\"aggregate_type\":\"Incremental Snapshot\",\"type\":\"TABLE_SCAN_COMPLETED\","
                + "\"additional_data\":{\"connector_name\":\"consinco\",\"data_collections\":\"s.MAP_PRODUTO, s.MAP_MARCA\","
                + "\"scanned_collection\":\"s.MAP_PRODUTO\",\"total_rows_scanned\":\"40\",\"status\":\"SUCCEEDED\"},\"timestamp\":1}")
                .getBytes(StandardCharsets.UTF_8);

        SnapshotNotification n = SnapshotNotification.parse(scan).orElseThrow();

        assertThat(n).isEqualTo(new SnapshotNotification("run-1", "TABLE_SCAN_COMPLETED", List.of("s.MAP_PRODUTO", "s.MAP_MARCA"),
                "s.MAP_PRODUTO", 40, "SUCCEEDED"));
        assertThat(n.scanSucceeded()).isTrue();
        assertThat(SnapshotNotification.parse("{\"id\":\"x\",\"aggregate_type\":\"Initial Snapshot\",\"type\":\"COMPLETED\"}"
                .getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(SnapshotNotification.parse("not json".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(SnapshotNotification.parse(null)).isEmpty();
    }
}
