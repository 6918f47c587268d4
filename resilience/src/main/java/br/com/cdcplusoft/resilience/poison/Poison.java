package br.com.cdcplusoft.resilience.poison;

import br.com.cdcplusoft.core.catalog.TopicCatalog;
import br.com.cdcplusoft.core.json.Json;
import br.com.cdcplusoft.resilience.workload.Entity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bad input, each of which must end in a dead-letter topic with its reason while everything else
 * flows. Two come through Consinco as any row does (a customer whose CPF check digits are wrong; a
 * product Plusoft refuses with 400), three are published to the change topics directly, as a
 * faulty upstream (a misconfigured connector, a hand-made replay) would: a record whose key column
 * is null (in the key and in the row), a customer with an impossible date, a product whose description is far longer
 * than any request Plusoft accepts.
 */
public final class Poison {

    /** Source keys of the poison rows: far from the workload's. */
    public static final long NULL_KEY_MARKER = 3_000_000;
    public static final long IMPOSSIBLE_DATE = 3_000_001;
    public static final long OVER_LONG = 3_000_002;
    public static final long INVALID_CPF = 3_000_003;
    public static final long REJECTED = 3_000_004;
    /** Text the receiver refuses with 400 while {@link #rejectedByPlusoft()} is installed. */
    public static final String REJECT_MARKER = "REJEITAR";
    public static final int OVER_LONG_CHARS = 300_000;
    private static final TopicCatalog TOPICS = TopicCatalog.defaults();

    /** The CPF of the impossible-date customer: valid, so that only the date is wrong. */
    public static String impossibleDateCpf() {
        return Entity.cpf(IMPOSSIBLE_DATE);
    }

    /** A CPF whose check digits are wrong (the valid ones plus one, modulo 100). */
    public static String invalidCpf() {
        String valid = Entity.cpf(INVALID_CPF);
        int digits = (Integer.parseInt(valid.substring(9)) + 1) % 100;
        return valid.substring(0, 9) + String.format("%02d", digits);
    }

    /** Every CPF the poison carries, for the log scan. */
    public static List<String> cpfs() {
        return List.of(impossibleDateCpf(), invalidCpf());
    }

    public static Predicate<JsonNode> rejectedByPlusoft() {
        return record -> record.path("TXTDESCRICAOCOMPLETA").asString("").contains(REJECT_MARKER);
    }

    /** Publishes the three records a faulty upstream would write. */
    public static void publish(String bootstrap) {
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            ObjectNode noKey = Json.mapper().createObjectNode().put("DESCCOMPLETA", "POISON SEM CHAVE " + NULL_KEY_MARKER)
                    .put("DESCREDUZIDA", "SEM CHAVE").putNull("SEQPRODUTO");
            // a compacted topic refuses a record without a key: what can arrive is a key whose column is null
            byte[] nullKey = Json.mapper().writeValueAsBytes(Json.mapper().createObjectNode().putNull("SEQPRODUTO"));
            send(producer, TOPICS.changes("produtos").name(), nullKey, envelope("produtos", "VW_PLUSOFT_PRODUTO", noKey));

            String cpf = impossibleDateCpf();
            ObjectNode cliente = Json.mapper().createObjectNode().put("SEQPESSOA", IMPOSSIBLE_DATE)
                    .put("NOMERAZAO", "POISON DATA IMPOSSIVEL").put("FISICAJURIDICA", "F")
                    .put("NROCGCCPF", Long.parseLong(cpf.substring(0, 9))).put("DIGCGCCPF", Integer.parseInt(cpf.substring(9)))
                    .put("DTANASCFUND", "2023-02-30T00:00:00").put("STATUS", "A")
                    .put("DTAHORALTERACAO", LocalDateTime.now().withNano(0).toString());
            send(producer, TOPICS.changes("clientes").name(), key("SEQPESSOA", IMPOSSIBLE_DATE), envelope("clientes", "VW_PLUSOFT_CLIENTE", cliente));

            ObjectNode produto = Json.mapper().createObjectNode().put("SEQPRODUTO", OVER_LONG)
                    .put("DESCCOMPLETA", "POISON " + "X".repeat(OVER_LONG_CHARS)).put("DESCREDUZIDA", "LONGO")
                    .put("DTAHORALTERACAO", LocalDateTime.now().withNano(0).toString());
            send(producer, TOPICS.changes("produtos").name(), key("SEQPRODUTO", OVER_LONG), envelope("produtos", "VW_PLUSOFT_PRODUTO", produto));
        }
    }

    /** Writes the two rows that come through Consinco. */
    public static void insert(Connection c) throws SQLException {
        Timestamp now = Timestamp.valueOf(LocalDateTime.now());
        String cpf = invalidCpf();
        try (PreparedStatement pessoa = c.prepareStatement("INSERT INTO GE_PESSOA (SEQPESSOA, NOMERAZAO, FISICAJURIDICA, NROCGCCPF,"
                + " DIGCGCCPF, STATUS, DTAINCLUSAO, DATAHORAALTERACAO) VALUES (?, 'POISON CPF INVALIDO', 'F', ?, ?, 'A', ?, ?)");
             PreparedStatement cliente = c.prepareStatement("INSERT INTO MRL_CLIENTE (SEQPESSOA, STATUSCLIENTE, DTACADASTRO) VALUES (?, 'A', ?)");
             PreparedStatement produto = c.prepareStatement("INSERT INTO MAP_PRODUTO (SEQPRODUTO, DESCCOMPLETA, DESCREDUZIDA, SEQFAMILIA,"
                     + " DTAHORINCLUSAO, DTAHORALTERACAO) VALUES (?, ?, 'RECUSADO', NULL, ?, ?)")) {
            pessoa.setLong(1, INVALID_CPF);
            pessoa.setLong(2, Long.parseLong(cpf.substring(0, 9)));
            pessoa.setInt(3, Integer.parseInt(cpf.substring(9)));
            pessoa.setTimestamp(4, now);
            pessoa.setTimestamp(5, now);
            pessoa.executeUpdate();
            cliente.setLong(1, INVALID_CPF);
            cliente.setTimestamp(2, now);
            cliente.executeUpdate();
            produto.setLong(1, REJECTED);
            produto.setString(2, "RESIL " + REJECT_MARKER + " P" + REJECTED);
            produto.setTimestamp(3, now);
            produto.setTimestamp(4, now);
            produto.executeUpdate();
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
    }

    private static byte[] key(String column, long value) {
        return Json.mapper().writeValueAsBytes(Json.mapper().createObjectNode().put(column, value));
    }

    private static byte[] envelope(String entity, String table, ObjectNode after) {
        ObjectNode source = Json.mapper().createObjectNode().put("version", "1").put("connector", "jdbc").put("name", "consinco")
                .put("ts_ms", System.currentTimeMillis()).put("snapshot", "false").put("table", table).put("entity", entity);
        ObjectNode event = Json.mapper().createObjectNode();
        event.putNull("before");
        event.set("after", after);
        event.put("op", "u").put("ts_ms", System.currentTimeMillis());
        event.set("source", source);
        return Json.mapper().writeValueAsBytes(event);
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, byte[] key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted publishing poison to " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot publish poison to " + topic + ": " + e.getMessage(), e);
        }
    }
}
