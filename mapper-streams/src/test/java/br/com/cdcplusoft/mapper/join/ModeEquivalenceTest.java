package br.com.cdcplusoft.mapper.join;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.cdcplusoft.core.catalog.EntityDefinition;
import br.com.cdcplusoft.dev.demo.ConsincoDemoDatabase;
import br.com.cdcplusoft.dev.demo.DemoScale;
import br.com.cdcplusoft.core.document.BrazilianDocuments;
import br.com.cdcplusoft.core.envelope.ChangeEvent;
import br.com.cdcplusoft.core.envelope.Op;
import br.com.cdcplusoft.core.envelope.Source;
import br.com.cdcplusoft.core.json.Json;
import br.com.cdcplusoft.mapper.topology.PipelineMode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The two modes agree: on the demo database, the base tables sent as Debezium events through the
 * joins and the mapping give the same view rows and the same Plusoft payloads, key by key, as the
 * views read by the JDBC extractor through the mapping alone; and they still agree after a round of
 * updates, inserts and deletes reaches the joins as change events.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModeEquivalenceTest {

    /** GE_PESSOA 997 has an invalid CPF (every 997th): a dead letter in both modes. */
    private static final DemoScale SCALE = new DemoScale(4, 120, 1000, 700);
    /**
     * Parents last, so that the joins re-emit rows as their partners arrive; GE_PESSOA first, as the
     * connector's snapshot reads it before the coupons (a buyer arriving after its coupon would map the
     * coupon without a CPF first, and a later invalid CPF leaves that payload in place, as in JDBC mode).
     */
    private static final List<BaseTable> LOAD_ORDER = List.of(BaseTable.GE_PESSOA, BaseTable.MFL_DFITEM,
            BaseTable.MAP_PRODUTO, BaseTable.MAX_EMPRESA, BaseTable.MRL_CLIENTE, BaseTable.MFL_DOCTOFISCAL,
            BaseTable.MAP_FAMILIA, BaseTable.MAP_MARCA);

    @TempDir
    Path state;
    private ConsincoDemoDatabase database;

    @BeforeAll
    void database() throws SQLException {
        database = ConsincoDemoDatabase.inMemory("mode-equivalence", SCALE);
    }

    @AfterAll
    void close() {
        database.close();
    }

    @Test
    void baseTableDeclarationsAndViewDefinitionsMatchTheDatabase() throws SQLException {
        try (Connection c = database.connect()) {
            for (BaseTable table : BaseTable.CONSINCO.values()) {
                Map<String, Integer> types = columnTypes(c, table.name());
                assertThat(types.keySet()).as(table.name()).containsAll(table.numberColumns()).containsAll(table.dateColumns());
                types.forEach((column, type) -> {
                    boolean number = type == Types.NUMERIC || type == Types.DECIMAL || type == Types.INTEGER
                            || type == Types.BIGINT || type == Types.SMALLINT || type == Types.TINYINT;
                    boolean date = type == Types.DATE || type == Types.TIMESTAMP;
                    assertThat(table.numberColumns().contains(column)).as(table.name() + "." + column + " is a number").isEqualTo(number);
                    assertThat(table.dateColumns().contains(column)).as(table.name() + "." + column + " is a date").isEqualTo(date);
                });
                assertThat(primaryKey(c, table.name())).as(table.name() + " key").isEqualTo(table.keyColumns());
            }
            for (ViewDefinition view : ConsincoViews.BY_ENTITY.values()) {
                assertThat(view.columnNames()).as(view.view()).containsExactlyElementsOf(columnTypes(c, view.view()).keySet());
                EntityDefinition entity = StreamsFixture.ENTITIES.get(view.entity());
                assertThat(entity.source()).isEqualTo(view.view());
                assertThat(entity.keyColumns()).isEqualTo(view.keyColumns());
            }
        }
    }

    @Test
    void debeziumJoinsAndJdbcViewsGiveTheSameRowsAndPayloadsBeforeAndAfterChanges() throws SQLException {
        Map<String, Map<String, ObjectNode>> tables;
        try (StreamsFixture debezium = new StreamsFixture(state.resolve("debezium"), PipelineMode.DEBEZIUM)) {
            Outputs joined = new Outputs();
            try (Connection c = database.connect()) {
                tables = readTables(c);
            }
            for (BaseTable table : LOAD_ORDER) {
                tables.get(table.name()).forEach((key, row) ->
                        debezium.sendRaw(table.name(), key, StreamsFixture.envelope(table.name(), "r", null, row, "true").toString()));
            }
            joined.collect(debezium);

            Outputs viewed = viewsThroughTheJdbcMode("jdbc-1");
            assertSame(joined, viewed);
            assertThat(viewed.payloads.get("clientes")).hasSizeGreaterThan(900);
            assertThat(viewed.payloads.get("vendas")).hasSizeGreaterThan(600);
            assertThat(viewed.deadLetters.get("clientes")).as("the invalid CPF").contains("{\"SEQPESSOA\":997}");

            try (Connection c = database.connect(); Statement s = c.createStatement()) {
                change(s);
                Map<String, Map<String, ObjectNode>> changed = readTables(c);
                for (BaseTable table : LOAD_ORDER) {
                    sendDifferences(debezium, table, tables.get(table.name()), changed.get(table.name()));
                }
            }
            joined.collect(debezium);

            assertSame(joined, viewsThroughTheJdbcMode("jdbc-2"));
        }
    }

    /** A round of changes touching every join: brand, family, product, coupon, item, customer, store. */
    private static void change(Statement s) throws SQLException {
        String cpf = "987654321";
        int digits = Integer.parseInt(BrazilianDocuments.cpfCheckDigits(cpf));
        for (String sql : List.of(
                "UPDATE MAP_MARCA SET MARCA = 'Marca Renomeada', DTAHORALTERACAO = TIMESTAMP '2025-03-01 14:32:00' WHERE SEQMARCA = 1",
                "UPDATE MAP_FAMILIA SET SEQMARCA = 2 WHERE SEQFAMILIA = 3",
                "UPDATE MAP_FAMILIA SET PESAVEL = 'S', DTAHORALTERACAO = TIMESTAMP '2030-01-01 00:00:00' WHERE SEQFAMILIA = 4",
                "DELETE FROM MAP_PRODUTO WHERE SEQPRODUTO = 5",
                "INSERT INTO MAP_PRODUTO (SEQPRODUTO, DESCCOMPLETA, DESCREDUZIDA, SEQFAMILIA, DTAHORINCLUSAO)"
                        + " VALUES (10001, 'Produto Novo 1kg', 'PRODUTO NOVO', 1, TIMESTAMP '2025-03-01 09:00:00')",
                "UPDATE MFL_DOCTOFISCAL SET STATUSDF = 'C', DTACANCELAMENTO = TIMESTAMP '2030-01-01 10:00:00' WHERE SEQNF = 2",
                "DELETE FROM MFL_DOCTOFISCAL WHERE SEQNF = 3",
                "DELETE FROM MFL_DFITEM WHERE SEQNF = 4 AND SEQPRODUTO = (SELECT MIN(SEQPRODUTO) FROM MFL_DFITEM WHERE SEQNF = 4)",
                "UPDATE MFL_DFITEM SET VLRDESCONTO = 0.50 WHERE SEQNF = 5",
                "UPDATE GE_PESSOA SET STATUS = 'I' WHERE SEQPESSOA = 7",
                "UPDATE GE_PESSOA SET FISICAJURIDICA = 'F', NROCGCCPF = " + cpf + ", DIGCGCCPF = " + digits + " WHERE SEQPESSOA = 8",
                "UPDATE GE_PESSOA SET NROLOGRADOURO = '999', DATAHORAALTERACAO = TIMESTAMP '2025-03-01 14:50:00' WHERE SEQPESSOA = 1",
                "DELETE FROM MRL_CLIENTE WHERE SEQPESSOA = 9",
                "UPDATE MAX_EMPRESA SET NOMEREDUZIDO = 'LOJA 2 NOVA', SEQPESSOAEMP = 10 WHERE NROEMPRESA = 2")) {
            assertThat(s.executeUpdate(sql)).as(sql).isPositive();
        }
    }

    /** What the connector would stream for the difference between two reads of a table. */
    private static void sendDifferences(StreamsFixture debezium, BaseTable table, Map<String, ObjectNode> before,
                                        Map<String, ObjectNode> after) {
        before.forEach((key, old) -> {
            ObjectNode now = after.get(key);
            if (now == null) {
                debezium.sendRaw(table.name(), key, StreamsFixture.envelope(table.name(), "d", old, null, "false").toString());
                debezium.sendRaw(table.name(), key, null);
            } else if (!now.equals(old)) {
                debezium.sendRaw(table.name(), key, StreamsFixture.envelope(table.name(), "u", old, now, "false").toString());
            }
        });
        after.forEach((key, now) -> {
            if (!before.containsKey(key)) {
                debezium.sendRaw(table.name(), key, StreamsFixture.envelope(table.name(), "c", null, now, "false").toString());
            }
        });
    }

    /** Every view read as the JDBC extractor reads it, mapped by a fresh mapper in JDBC mode. */
    private Outputs viewsThroughTheJdbcMode(String name) throws SQLException {
        Outputs outputs = new Outputs();
        try (StreamsFixture jdbc = new StreamsFixture(state.resolve(name), PipelineMode.JDBC);
             Connection c = database.connect()) {
            for (EntityDefinition entity : StreamsFixture.ENTITIES.all()) {
                Map<String, ObjectNode> rows = SourceRows.extractorRows(c, entity.source(), entity.keyColumns());
                rows.forEach((key, row) -> {
                    outputs.rows.computeIfAbsent(entity.name(), e -> new TreeMap<>()).put(key, row.toString());
                    jdbc.sendView(entity.name(), Json.mapper().readTree(key), new ChangeEvent(null, row, Op.READ, 1L,
                            new Source("1", Source.JDBC_CONNECTOR, "consinco", 1L, "true", null, null, entity.source(),
                                    entity.name(), null, null, null)));
                });
            }
            outputs.collectPayloads(jdbc);
        }
        return outputs;
    }

    private static void assertSame(Outputs joined, Outputs viewed) {
        for (EntityDefinition entity : StreamsFixture.ENTITIES.all()) {
            String name = entity.name();
            assertThat(viewed.rows.get(name)).as(name + " view rows").isNotEmpty();
            assertThat(joined.rows.get(name)).as(name + ": rows joined from base tables = view rows")
                    .containsExactlyEntriesOf(viewed.rows.get(name));
            assertThat(joined.payloads.get(name)).as(name + ": payloads, key by key")
                    .isNotEmpty().containsExactlyEntriesOf(viewed.payloads.get(name));
            assertThat(joined.deadLetters.getOrDefault(name, Set.of())).as(name + ": dead-lettered rows")
                    .isEqualTo(viewed.deadLetters.getOrDefault(name, Set.of()));
        }
    }

    private static Map<String, Map<String, ObjectNode>> readTables(Connection c) throws SQLException {
        Map<String, Map<String, ObjectNode>> tables = new LinkedHashMap<>();
        for (BaseTable table : LOAD_ORDER) {
            tables.put(table.name(), SourceRows.debeziumRows(c, table));
        }
        return tables;
    }

    private static Map<String, Integer> columnTypes(Connection c, String relation) throws SQLException {
        Map<String, Integer> types = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + relation + " WHERE 1 = 0")) {
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                types.put(md.getColumnLabel(i), md.getColumnType(i));
            }
        }
        return types;
    }

    private static List<String> primaryKey(Connection c, String table) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        Map<Short, String> columns = new TreeMap<>();
        try (ResultSet rs = md.getPrimaryKeys(null, null, table)) {
            while (rs.next()) {
                columns.put(rs.getShort("KEY_SEQ"), rs.getString("COLUMN_NAME"));
            }
        }
        return new ArrayList<>(columns.values());
    }

    /** The state both modes leave behind: view rows per key, Plusoft payloads per key, dead-lettered keys. */
    private static final class Outputs {
        final Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        final Map<String, Map<String, String>> payloads = new LinkedHashMap<>();
        final Map<String, Set<String>> deadLetters = new LinkedHashMap<>();

        /** Applies what the debezium topology emitted since the last call: change events, then payloads. */
        void collect(StreamsFixture streams) {
            for (EntityDefinition entity : StreamsFixture.ENTITIES.all()) {
                Map<String, String> current = rows.computeIfAbsent(entity.name(), e -> new TreeMap<>());
                for (TestRecord<String, String> r : streams.changes(entity.name())) {
                    JsonNode after = r.value() == null ? null : Json.mapper().readTree(r.value()).get("after");
                    if (after == null || after.isNull()) {
                        current.remove(r.key());
                    } else {
                        current.put(r.key(), after.toString());
                    }
                }
            }
            collectPayloads(streams);
        }

        void collectPayloads(StreamsFixture streams) {
            for (EntityDefinition entity : StreamsFixture.ENTITIES.all()) {
                Map<String, String> current = payloads.computeIfAbsent(entity.name(), e -> new TreeMap<>());
                for (TestRecord<String, String> r : streams.payloads(entity.name())) {
                    if (r.value() == null) {
                        current.remove(r.key());
                    } else {
                        current.put(r.key(), r.value());
                    }
                }
                Set<String> dead = deadLetters.computeIfAbsent(entity.name(), e -> new HashSet<>());
                streams.mappingDeadLetters(entity.name()).forEach(r -> dead.add(r.key()));
            }
        }
    }
}
