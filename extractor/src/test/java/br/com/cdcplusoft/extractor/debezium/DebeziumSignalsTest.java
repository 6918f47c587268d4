package br.com.cdcplusoft.extractor.debezium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.cdcplusoft.core.json.Json;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The execute-snapshot signal as each channel writes it (the IT proves Debezium acts on both). */
class DebeziumSignalsTest {

    @Test
    void kafkaChannelKeysTheSignalWithTheTopicPrefix() {
        MockProducer<String, String> producer = new MockProducer<>(true, null, new StringSerializer(), new StringSerializer());
        DebeziumSignals signals = DebeziumSignals.viaKafka(producer, "consinco.signals", "consinco", Duration.ofSeconds(1));

        String id = signals.executeIncrementalSnapshot(List.of("FREEPDB1.CONSINCO.MAP_PRODUTO"));

        assertThat(id).isEqualTo("consinco.signals-0@0");
        assertThat(producer.history()).singleElement().satisfies(record -> {
            assertThat(record.topic()).isEqualTo("consinco.signals");
            assertThat(record.key()).isEqualTo("consinco");
            assertThat(Json.mapper().readTree(record.value())).isEqualTo(Json.mapper().readTree(
                    "{\"type\":\"execute-snapshot\",\"data\":{\"data-collections\":[\"FREEPDB1.CONSINCO.MAP_PRODUTO\"],\"type\":\"incremental\"}}"));
        });
    }

    @Test
    void additionalConditionsBoundTheSnapshot() {
        MockProducer<String, String> producer = new MockProducer<>(true, null, new StringSerializer(), new StringSerializer());
        DebeziumSignals signals = DebeziumSignals.viaKafka(producer, "consinco.signals", "consinco", Duration.ofSeconds(1));
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("FREEPDB1.CONSINCO.MFL_DOCTOFISCAL", "DTAMOVIMENTO >= DATE '2025-07-01'");

        signals.executeIncrementalSnapshot(List.of("FREEPDB1.CONSINCO.MFL_DOCTOFISCAL"), filters);

        assertThat(Json.mapper().readTree(producer.history().get(0).value()).get("data").get("additional-conditions"))
                .isEqualTo(Json.mapper().readTree("[{\"data-collection\":\"FREEPDB1.CONSINCO.MFL_DOCTOFISCAL\","
                        + "\"filter\":\"DTAMOVIMENTO >= DATE '2025-07-01'\"}]"));
    }

    @Test
    void aFailedSendIsReported() {
        MockProducer<String, String> producer = new MockProducer<>(false, null, new StringSerializer(), new StringSerializer());
        DebeziumSignals signals = DebeziumSignals.viaKafka(producer, "consinco.signals", "consinco", Duration.ofMillis(50));

        assertThatThrownBy(() -> signals.executeIncrementalSnapshot(List.of("FREEPDB1.CONSINCO.MAP_MARCA")))
                .isInstanceOf(DebeziumSignals.SignalException.class)
                .hasMessage("Kafka did not acknowledge the execute-snapshot signal on consinco.signals within PT0.05S");
    }

    @Test
    void tableChannelInsertsIdTypeAndData() throws SQLException {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:signals;DB_CLOSE_DELAY=-1");
        try (Connection c = h2.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA DEBEZIUM");
            s.execute("CREATE TABLE DEBEZIUM.DEBEZIUM_SIGNAL (ID VARCHAR(42) PRIMARY KEY, TYPE VARCHAR(32) NOT NULL, DATA VARCHAR(2048))");
        }

        String id = DebeziumSignals.viaTable(h2, "DEBEZIUM.DEBEZIUM_SIGNAL")
                .executeIncrementalSnapshot(List.of("FREEPDB1.CONSINCO.MRL_CLIENTE"));

        try (Connection c = h2.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT ID, TYPE, DATA FROM DEBEZIUM.DEBEZIUM_SIGNAL")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(id).hasSize(36);
            assertThat(rs.getString(2)).isEqualTo("execute-snapshot");
            assertThat(Json.mapper().readTree(rs.getString(3))).isEqualTo(Json.mapper().readTree(
                    "{\"data-collections\":[\"FREEPDB1.CONSINCO.MRL_CLIENTE\"],\"type\":\"incremental\"}"));
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void rejectsWhatCannotBeASignal() {
        MockProducer<String, String> producer = new MockProducer<>(true, null, new StringSerializer(), new StringSerializer());
        DebeziumSignals signals = DebeziumSignals.viaKafka(producer, "consinco.signals", "consinco", Duration.ofSeconds(1));

        assertThatThrownBy(() -> signals.executeIncrementalSnapshot(List.of()))
                .hasMessage("an incremental snapshot needs at least one data collection");
        assertThatThrownBy(() -> signals.executeIncrementalSnapshot(List.of("X; DROP TABLE Y")))
                .hasMessage("data collection 'X; DROP TABLE Y' is not a [catalog.][schema.]table name");
        assertThatThrownBy(() -> signals.executeIncrementalSnapshot(List.of("A.B.C"), Map.of("A.B.D", "1=1")))
                .hasMessage("filter for 'A.B.D', which is not among the data collections [A.B.C]");
        assertThatThrownBy(() -> DebeziumSignals.viaTable(new JdbcDataSource(), "SIGNAL; DELETE"))
                .hasMessage("signal table 'SIGNAL; DELETE' is not a [schema.]table name");
        assertThatThrownBy(() -> DebeziumSignals.viaKafka(producer, " ", "consinco", Duration.ofSeconds(1)))
                .hasMessage("signal topic is required");
        assertThat(producer.history()).isEmpty();
    }
}
