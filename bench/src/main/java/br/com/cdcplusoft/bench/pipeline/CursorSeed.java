package br.com.cdcplusoft.bench.pipeline;

import br.com.cdcplusoft.bench.Console;
import br.com.cdcplusoft.bench.infra.SourceDatabase;
import br.com.cdcplusoft.core.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.node.ObjectNode;

/**
 * Puts the extractor in the state of a pipeline that has been running for a while: for each
 * entity with a change cursor, the position just after the newest row of its view, on the
 * extractor's cursor topic. Without it, the extractor's first start snapshots every entity
 * (its initial load) before it polls, which at millions of rows is a full load of its own; the
 * benchmark times full loads through the gateway's forced re-sync instead.
 *
 * <p>Writes the record CursorStore writes (key = entity, value = {@code {"cursor": local date-time,
 * "key": {key columns}, "savedAt": instant}}) on {@code extractor.cursors}; keep the two in step.
 */
public final class CursorSeed {

    /** An entity's view, key columns and cursor column (pipeline-defaults.yml). */
    record Source(String entity, String view, List<String> keys, String cursor) {
    }

    static final List<Source> SOURCES = List.of(
            new Source("produtos", "VW_PLUSOFT_PRODUTO", List.of("SEQPRODUTO"), "DTAHORALTERACAO"),
            new Source("clientes", "VW_PLUSOFT_CLIENTE", List.of("SEQPESSOA"), "DTAHORALTERACAO"),
            new Source("vendas", "VW_PLUSOFT_VENDA", List.of("SEQNF", "SEQPRODUTO"), "DTAHORALTERACAO"));

    private CursorSeed() {
    }

    public static void seed(SourceDatabase db, String bootstrap, String topic) throws SQLException {
        try (Connection c = db.connect();
             KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap, "acks", "all"),
                     new StringSerializer(), new StringSerializer())) {
            for (Source s : SOURCES) {
                LocalDateTime max;
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT MAX(" + s.cursor() + ") FROM " + s.view())) {
                    rs.next();
                    Timestamp ts = rs.getTimestamp(1);
                    if (ts == null) {
                        continue;
                    }
                    max = ts.toLocalDateTime();
                }
                String desc = String.join(" DESC, ", s.keys()) + " DESC";
                ObjectNode key = Json.mapper().createObjectNode();
                try (PreparedStatement ps = c.prepareStatement("SELECT " + String.join(", ", s.keys()) + " FROM " + s.view()
                        + " WHERE " + s.cursor() + " = ? ORDER BY " + desc + " FETCH FIRST 1 ROWS ONLY")) {
                    ps.setTimestamp(1, Timestamp.valueOf(max));
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        for (String k : s.keys()) {
                            key.put(k, rs.getLong(k));
                        }
                    }
                }
                ObjectNode value = Json.mapper().createObjectNode();
                value.put("cursor", max.toString());
                value.set("key", key);
                value.put("savedAt", Instant.now().toString());
                producer.send(new ProducerRecord<>(topic, s.entity(), value.toString())).get();
                Console.say("services", "extractor cursor of " + s.entity() + " set to " + max + " " + key);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot write the extractor's cursors: " + e.getCause().getMessage(), e);
        }
    }
}
