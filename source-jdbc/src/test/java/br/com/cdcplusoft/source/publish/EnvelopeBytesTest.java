package br.com.cdcplusoft.source.publish;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.cdcplusoft.core.catalog.EntityDefinition;
import br.com.cdcplusoft.core.catalog.TopicCatalog;
import br.com.cdcplusoft.core.envelope.ChangeEvent;
import br.com.cdcplusoft.core.envelope.Op;
import br.com.cdcplusoft.core.envelope.PipelineHeaders;
import br.com.cdcplusoft.core.envelope.Source;
import br.com.cdcplusoft.core.json.Json;
import br.com.cdcplusoft.source.jdbc.RowConverter;
import br.com.cdcplusoft.source.jdbc.SourceReader;
import br.com.cdcplusoft.source.jdbc.SourceRow;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.mock.MockProducerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The published bytes are those the pipeline wrote when it built a {@link ChangeEvent} tree per row and
 * serialised it with {@link Json#mapper()}: keys, rows and envelopes, for every column type the views have.
 */
class EnvelopeBytesTest {

    private static final EntityDefinition ENTITY = new EntityDefinition("produtos", "VW_TIPOS", List.of("SEQ", "COD"),
            "DTAALTERACAO", Duration.ZERO, 100, Duration.ofSeconds(1), 3, true, null);
    private static final long NOW = 1_740_000_000_123L;

    private static JdbcDataSource db;

    @BeforeAll
    static void createView() throws Exception {
        db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:envelope-bytes;MODE=Oracle;DB_CLOSE_DELAY=-1");
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE TIPOS (SEQ NUMBER(10) NOT NULL, COD VARCHAR2(10) NOT NULL, PRECO NUMBER(12,2), QTD NUMBER,"
                    + " GRANDE NUMBER(30), NOME VARCHAR2(200), SITUACAO CHAR(1), DTAALTERACAO DATE, DTAHORA TIMESTAMP,"
                    + " PRIMARY KEY (SEQ, COD))");
            s.execute("CREATE VIEW VW_TIPOS AS SELECT * FROM TIPOS");
            s.execute("INSERT INTO TIPOS VALUES (1, 'A', 10.50, 3, 123456789012345678901234, 'Açúcar \"refinado\" \\ 1kg',"
                    + " 'S', TIMESTAMP '2025-03-01 14:32:00', TIMESTAMP '2025-03-01 14:32:07.125')");
            s.execute("INSERT INTO TIPOS VALUES (2, 'B', 0.00, 1/7, -999999999999999999, 'tab\tquebra\nemoji \uD83D\uDE00',"
                    + " 'N', TIMESTAMP '2025-03-01 00:00:00', TIMESTAMP '1999-12-31 23:59:59')");
            s.execute("INSERT INTO TIPOS VALUES (3, 'C', NULL, NULL, NULL, NULL, NULL, NULL, NULL)");
            s.execute("INSERT INTO TIPOS VALUES (4, 'D', -7, 1E3, 1000000000000000000, '', ' ', TIMESTAMP '1900-01-02 03:04:05',"
                    + " TIMESTAMP '2025-03-01 14:32:00.000001')");
        }
    }

    @Test
    void keysRowsAndEnvelopesAreTheBytesOfTheTreesTheyReplace() throws Exception {
        List<SourceRow> rows = new SourceReader(db).keyChunk(ENTITY, null);
        List<ObjectNode> trees = trees();
        assertThat(rows).hasSize(4);
        for (int i = 0; i < rows.size(); i++) {
            SourceRow row = rows.get(i);
            ObjectNode tree = trees.get(i);
            ObjectNode key = Json.mapper().createObjectNode();
            ENTITY.keyColumns().forEach(k -> key.set(k, tree.get(k)));
            assertThat(text(row.keyJson())).isEqualTo(text(Json.mapper().writeValueAsBytes(key)));
            assertThat(text(row.json())).isEqualTo(text(Json.mapper().writeValueAsBytes(tree)));
            assertThat(row.key()).isEqualTo(key);

            String cursor = row.cursor() == null ? null : row.cursor().toString();
            assertThat(text(new EnvelopeWriter(Op.READ, "true", ENTITY.source(), ENTITY.name(), "produtos-run-1", true)
                    .write(row.json(), NOW, row.cursor())))
                    .isEqualTo(text(Json.mapper().writeValueAsBytes(new ChangeEvent(null, tree, Op.READ, NOW, new Source("1",
                            Source.JDBC_CONNECTOR, "consinco", NOW, "true", null, null, ENTITY.source(), ENTITY.name(), cursor,
                            "produtos-run-1", true)))));
            assertThat(text(new EnvelopeWriter(Op.UPDATE, "false", ENTITY.source(), ENTITY.name(), null, false)
                    .write(row.json(), NOW, row.cursor())))
                    .isEqualTo(text(Json.mapper().writeValueAsBytes(new ChangeEvent(null, tree, Op.UPDATE, NOW, new Source("1",
                            Source.JDBC_CONNECTOR, "consinco", NOW, "false", null, null, ENTITY.source(), ENTITY.name(), cursor,
                            null, null)))));
        }
        // the rows above cover what the claim is about
        assertThat(text(rows.get(0).json())).contains("\"PRECO\":10.50", "\"QTD\":3", "\"GRANDE\":123456789012345678901234",
                "\"DTAALTERACAO\":\"2025-03-01T14:32:00\"", "\"DTAHORA\":\"2025-03-01T14:32:07.125\"", "\\\"refinado\\\"");
        assertThat(text(rows.get(2).json())).contains("\"PRECO\":null", "\"NOME\":null", "\"DTAALTERACAO\":null");
        assertThat(rows.get(2).cursor()).isNull();
        assertThat(text(rows.get(3).json())).contains("\"QTD\":1000", "\"DTAALTERACAO\":\"1900-01-02T03:04:05\"");
    }

    @Test
    void aPublishedSnapshotRowCarriesTheEnvelopeKeyAndHeadersOfOneRun() throws Exception {
        Node node = new Node(0, "localhost", 9092);
        Cluster cluster = new Cluster("c", List.of(node), List.of(new PartitionInfo("consinco.produtos", 0, node, null, null)),
                java.util.Set.of(), java.util.Set.of());
        KeptOpen<byte[], byte[]> changes = new KeptOpen<>(cluster, new ByteArraySerializer(), new ByteArraySerializer());
        KeptOpen<String, byte[]> runs = new KeptOpen<>(cluster, new StringSerializer(), new ByteArraySerializer());
        @SuppressWarnings({"unchecked", "rawtypes"})
        ChangePublisher publisher = new ChangePublisher(new KafkaTemplate<>(new MockProducerFactory<>(() -> changes)),
                new KafkaTemplate(new MockProducerFactory<>(() -> (MockProducer) runs)), TopicCatalog.defaults());
        List<SourceRow> rows = new SourceReader(db).keyChunk(ENTITY, null);
        ChangePublisher.Sends sends = publisher.sends();
        for (SourceRow row : rows) {
            sends.publishSnapshotRow(ENTITY, row, "produtos-run-1", true, "manual");
        }
        sends.publishChange(ENTITY, rows.get(0));
        sends.flush();

        List<ProducerRecord<byte[], byte[]>> sent = changes.history();
        assertThat(sent).hasSize(5);
        for (int i = 0; i < 4; i++) {
            ProducerRecord<byte[], byte[]> record = sent.get(i);
            assertThat(record.topic()).isEqualTo("consinco.produtos");
            assertThat(record.key()).isEqualTo(rows.get(i).keyJson());
            ChangeEvent event = Json.mapper().readValue(record.value(), ChangeEvent.class);
            assertThat(event.op()).isEqualTo(Op.READ);
            assertThat(event.after()).isEqualTo(rows.get(i).row());
            assertThat(event.source().runId()).isEqualTo("produtos-run-1");
            assertThat(event.source().forcedRun()).isTrue();
            assertThat(PipelineHeaders.get(record.headers(), PipelineHeaders.RUN_ID)).isEqualTo("produtos-run-1");
            assertThat(PipelineHeaders.isForced(record.headers())).isTrue();
            assertThat(PipelineHeaders.get(record.headers(), PipelineHeaders.TRIGGER)).isEqualTo("manual");
            assertThat(record.headers().toArray()).hasSize(3);
        }
        ProducerRecord<byte[], byte[]> polled = sent.get(4);
        ChangeEvent change = Json.mapper().readValue(polled.value(), ChangeEvent.class);
        assertThat(change.op()).isEqualTo(Op.UPDATE);
        assertThat(change.source().snapshot()).isEqualTo("false");
        assertThat(change.source().runId()).isNull();
        assertThat(polled.headers().toArray()).isEmpty();
    }

    private static List<ObjectNode> trees() throws Exception {
        List<ObjectNode> trees = new ArrayList<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM VW_TIPOS ORDER BY SEQ, COD")) {
            RowConverter converter = new RowConverter(rs.getMetaData());
            while (rs.next()) {
                trees.add(converter.convert(rs));
            }
        }
        return trees;
    }

    private static String text(byte[] json) {
        return new String(json, StandardCharsets.UTF_8);
    }

    /** KafkaTemplate closes the producer it got after each send; a real factory hands out one that survives that. */
    private static final class KeptOpen<K, V> extends MockProducer<K, V> {
        KeptOpen(Cluster cluster, org.apache.kafka.common.serialization.Serializer<K> keys,
                 org.apache.kafka.common.serialization.Serializer<V> values) {
            super(cluster, true, null, keys, values);
        }

        @Override
        public void close() {
        }

        @Override
        public void close(Duration timeout) {
        }
    }
}
