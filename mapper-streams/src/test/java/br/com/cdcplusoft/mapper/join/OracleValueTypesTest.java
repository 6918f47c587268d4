package br.com.cdcplusoft.mapper.join;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import br.com.cdcplusoft.core.catalog.EntityDefinition;
import br.com.cdcplusoft.dev.demo.ConsincoDemoDatabase;
import br.com.cdcplusoft.dev.demo.DemoScale;
import br.com.cdcplusoft.core.envelope.ChangeEvent;
import br.com.cdcplusoft.core.envelope.Op;
import br.com.cdcplusoft.core.envelope.Source;
import br.com.cdcplusoft.core.json.Json;
import br.com.cdcplusoft.mapper.topology.PipelineMode;
import io.debezium.config.Configuration;
import io.debezium.connector.oracle.OracleConnection;
import io.debezium.connector.oracle.OracleConnectorConfig;
import io.debezium.connector.oracle.OracleDefaultValueConverter;
import io.debezium.connector.oracle.OracleValueConverters;
import io.debezium.connector.oracle.antlr.OracleDdlParser;
import io.debezium.relational.Column;
import io.debezium.relational.CustomConverterRegistry;
import io.debezium.relational.Table;
import io.debezium.relational.TableId;
import io.debezium.relational.TableSchema;
import io.debezium.relational.TableSchemaBuilder;
import io.debezium.relational.Tables;
import io.debezium.relational.mapping.ColumnMappers;
import io.debezium.schema.SchemaNameAdjuster;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.transforms.Cast;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the Debezium Oracle connector really writes for the column types of {@code db/oracle}, and
 * what the join readers make of it. Nothing here is simulated: the tables come from the repository's
 * DDL through the connector's own DDL parser, their schemas and values from its own
 * {@link OracleValueConverters} and {@link TableSchemaBuilder} configured with the exact settings of
 * {@code connect-config/consinco-oracle.json} (which the embedded engine reads too), the keys go
 * through the file's own key transform and Kafka Connect's {@link JsonConverter} with schemas off.
 * The values are given both as a snapshot reads them (JDBC objects) and as LogMiner's redo SQL
 * gives them (strings, {@code TO_DATE(...)}).
 *
 * <p>What stays unverified without an Oracle: the JDBC driver's own objects (a snapshot of a real
 * Oracle gives {@code BigDecimal}/{@code Timestamp}, stood in for by H2's) and LogMiner's parsing
 * of the redo into those strings.
 */
class OracleValueTypesTest {

    private static final Path CONNECT_CONFIG = Path.of("..", "connect-config", "consinco-oracle.json");
    private static final Path DDL = Path.of("..", "db", "oracle", "01_consinco_tables.sql");
    private static final Pattern ENV = Pattern.compile("\\$\\{env:([A-Z0-9_]+)}");
    /** Types db/oracle does not use today, so that a column added with them is already pinned. */
    private static final String EXTRA_DDL = """
            CREATE TABLE TIPOS (
              ID      NUMBER(15)   NOT NULL,
              LIVRE   NUMBER,
              MILI    TIMESTAMP(3),
              MICRO   TIMESTAMP,
              CONSTRAINT PK_TIPOS PRIMARY KEY (ID)
            );
            """;

    @TempDir
    Path state;

    @Test
    void everyColumnTypeOfTheDdlHasTheSchemaTheReadersExpect() throws Exception {
        Map<String, TableSchema> schemas = schemas(connectConfig());

        Map<String, String> types = new TreeMap<>();
        schemas.forEach((table, schema) -> schema.valueSchema().fields().forEach(f ->
                types.put(table + "." + f.name(), f.schema().type() + (f.schema().name() == null ? "" : " " + f.schema().name()))));

        // NUMBER(p,0): Connect integers, so JSON integers (legacy.decimal.handling.strategy=true)
        assertThat(types).containsEntry("MAX_EMPRESA.NROEMPRESA", "INT16")          // NUMBER(3)
                .containsEntry("GE_PESSOA.DIGCGCCPF", "INT8")                           // NUMBER(2)
                .containsEntry("MFL_DOCTOFISCAL.NROCHECKOUT", "INT16")                  // NUMBER(4)
                .containsEntry("GE_PESSOA.FONENRO1", "INT32")                           // NUMBER(9)
                .containsEntry("MAP_PRODUTO.SEQPRODUTO", "INT64")                       // NUMBER(15)
                .containsEntry("GE_PESSOA.NROCGCCPF", "INT64");                         // NUMBER(12)
        // NUMBER(p,s>0) and unconstrained NUMBER: decimal strings (decimal.handling.mode=string)
        assertThat(types).containsEntry("MFL_DFITEM.QUANTIDADE", "STRING")
                .containsEntry("MFL_DFITEM.VLRITEM", "STRING")
                .containsEntry("MAX_EMPRESA.NROMETRO2LOJA", "STRING")
                .containsEntry("TIPOS.LIVRE", "STRING");
        // DATE and TIMESTAMP(0..3): epoch milliseconds; TIMESTAMP(4..6): epoch microseconds (time.precision.mode=adaptive)
        assertThat(types).containsEntry("MAP_PRODUTO.DTAHORALTERACAO", "INT64 io.debezium.time.Timestamp")
                .containsEntry("TIPOS.MILI", "INT64 io.debezium.time.Timestamp")
                .containsEntry("TIPOS.MICRO", "INT64 io.debezium.time.MicroTimestamp");
        assertThat(types).containsEntry("GE_PESSOA.NOMERAZAO", "STRING").containsEntry("GE_PESSOA.UF", "STRING");

        // every column of the eight tables is one the readers declare with its kind, and has the schema they read
        Map<String, Parsed> parsed = parse(connectConfig());
        for (BaseTable table : BaseTable.CONSINCO.values()) {
            Parsed p = parsed.get(table.name());
            for (var field : p.schema().valueSchema().fields()) {
                String column = table.name() + "." + field.name();
                boolean number = "NUMBER".equals(p.typeName(field.name()));
                boolean date = "DATE".equals(p.typeName(field.name()));
                assertThat(table.numberColumns().contains(field.name())).as(column + " is a number").isEqualTo(number);
                assertThat(table.dateColumns().contains(field.name())).as(column + " is a date").isEqualTo(date);
                String type = types.get(column);
                if (number) {
                    assertThat(type).as(column).matches("INT(8|16|32|64)|STRING");
                } else if (date) {
                    assertThat(type).as(column).isEqualTo("INT64 io.debezium.time.Timestamp");
                } else {
                    assertThat(type).as(column).isEqualTo("STRING");
                }
            }
        }
    }

    @Test
    void valuesFromASnapshotAndFromLogMinerBecomeTheJdbcModesValues() throws Exception {
        TableSchema pessoa = schemas(connectConfig()).get("GE_PESSOA");
        TableSchema item = schemas(connectConfig()).get("MFL_DFITEM");
        TableSchema tipos = schemas(connectConfig()).get("TIPOS");

        // a snapshot: the JDBC driver's objects
        ObjectNode fromSnapshot = after(pessoa, Map.of("SEQPESSOA", new BigDecimal("501"), "NOMERAZAO", "Maria Souza Lima",
                "FISICAJURIDICA", "F", "NROCGCCPF", new BigDecimal("123456789"), "DIGCGCCPF", new BigDecimal("9"),
                "UF", "SP", "CEP", new BigDecimal("1310100"), "STATUS", "A",
                "DTANASCFUND", Timestamp.valueOf(LocalDateTime.parse("1961-07-09T00:00:00")),
                "DATAHORAALTERACAO", Timestamp.valueOf(LocalDateTime.parse("2025-03-01T14:32:00"))));
        // LogMiner: the values of the redo SQL, as strings
        ObjectNode fromLogMiner = after(pessoa, Map.of("SEQPESSOA", "501", "NOMERAZAO", "Maria Souza Lima",
                "FISICAJURIDICA", "F", "NROCGCCPF", "123456789", "DIGCGCCPF", "9", "UF", "SP", "CEP", "1310100", "STATUS", "A",
                "DTANASCFUND", "TO_DATE('1961-07-09 00:00:00', 'YYYY-MM-DD HH24:MI:SS')",
                "DATAHORAALTERACAO", "TO_DATE('2025-03-01 14:32:00', 'YYYY-MM-DD HH24:MI:SS')"));

        for (ObjectNode written : List.of(fromSnapshot, fromLogMiner)) {
            assertThat(written.get("SEQPESSOA").isIntegralNumber()).as(written.toString()).isTrue();
            ObjectNode read = BaseTable.GE_PESSOA.normalise(written);
            assertThat(read.get("SEQPESSOA")).hasToString("501");
            assertThat(read.get("NROCGCCPF")).hasToString("123456789");
            assertThat(read.get("DIGCGCCPF")).hasToString("9");
            assertThat(read.get("CEP")).hasToString("1310100");
            assertThat(read.get("DTANASCFUND").asString()).isEqualTo("1961-07-09T00:00:00");
            assertThat(read.get("DATAHORAALTERACAO").asString()).as("local wall clock, no zone").isEqualTo("2025-03-01T14:32:00");
            assertThat(read.get("UF").asString()).isEqualTo("SP");
            assertThat(read.get("NOMERAZAO").asString()).isEqualTo("Maria Souza Lima");
        }

        for (Object quantidade : List.of(new BigDecimal("1.25"), "1.25")) {
            ObjectNode written = after(item, Map.of("SEQNF", "900001", "SEQPRODUTO", "5001", "QUANTIDADE", quantidade,
                    "VLRITEM", new BigDecimal("12.9"), "CFOP", "5102"));
            // at the column's scale, exact: "1.250", "12.90"
            assertThat(written.get("QUANTIDADE").asString()).isEqualTo("1.250");
            assertThat(written.get("VLRITEM").asString()).isEqualTo("12.90");
            ObjectNode read = BaseTable.MFL_DFITEM.normalise(written);
            assertThat(read.get("QUANTIDADE").decimalValue()).isEqualTo(new BigDecimal("1.250"));
            assertThat(read.get("VLRITEM").decimalValue()).isEqualTo(new BigDecimal("12.90"));
            assertThat(read.get("SEQPRODUTO")).hasToString("5001");
        }

        // unconstrained NUMBER: a string even with the legacy strategy; TIMESTAMP(6): microseconds
        ObjectNode written = after(tipos, Map.of("ID", "1", "LIVRE", "5001", "MILI", "TO_TIMESTAMP('2025-03-01 14:32:00.123')",
                "MICRO", Timestamp.valueOf(LocalDateTime.parse("2025-03-01T14:32:00.123456"))));
        assertThat(written.get("LIVRE").asString()).isEqualTo("5001");
        assertThat(written.get("MILI").longValue()).isEqualTo(1740839520123L);
        assertThat(written.get("MICRO").longValue()).isEqualTo(1740839520123456L);
    }

    @Test
    void keysAreTheJdbcModesKeyBytesWithTheSettingsAndWithoutThem() throws Exception {
        Map<String, String> fixed = connectConfig();
        Map<String, String> unfixed = new HashMap<>(fixed);
        unfixed.remove("legacy.decimal.handling.strategy");
        Cast.Key<SourceRecord> castKeys = castKeys(fixed);

        for (Map<String, String> settings : List.of(fixed, unfixed)) {
            Map<String, TableSchema> schemas = schemas(settings);
            TableSchema item = schemas.get("MFL_DFITEM");
            Struct key = item.keyFromColumnData(row(item, Map.of("SEQNF", "900001", "SEQPRODUTO", "5001", "QUANTIDADE", "1",
                    "VLRITEM", "1")));
            boolean legacy = settings.containsKey("legacy.decimal.handling.strategy");

            String raw = json(item.keySchema(), key, true);
            // Debezium 2.7+ without the legacy strategy: NUMBER(p,0) keys as strings, which no join would find
            assertThat(raw).isEqualTo(legacy ? "{\"SEQNF\":900001,\"SEQPRODUTO\":5001}" : "{\"SEQNF\":\"900001\",\"SEQPRODUTO\":\"5001\"}");
            // the readers canonicalise either way ...
            assertThat(BaseTable.MFL_DFITEM.canonicalKey(Json.mapper().readTree(raw))).hasToString("{\"SEQNF\":900001,\"SEQPRODUTO\":5001}");
            // ... and the key cast of the connector configuration makes the bytes (so the partition) the JDBC mode's
            SourceRecord cast = castKeys.apply(new SourceRecord(null, null, "t", null, item.keySchema(), key, null, null));
            assertThat(json(cast.keySchema(), cast.key(), true)).isEqualTo("{\"SEQNF\":900001,\"SEQPRODUTO\":5001}");
        }

        // the cast names every key column of the captured tables, and leaves other keys (heartbeats) alone
        for (BaseTable table : BaseTable.CONSINCO.values()) {
            assertThat(fixed.get("transforms.castKeys.spec")).contains(table.keyColumns().stream().map(c -> c + ":int64").toList());
        }
        Schema heartbeat = org.apache.kafka.connect.data.SchemaBuilder.struct().field("serverName", Schema.STRING_SCHEMA).build();
        SourceRecord beat = castKeys.apply(new SourceRecord(null, null, "t", null, heartbeat,
                new Struct(heartbeat).put("serverName", "consinco"), null, null));
        assertThat(json(beat.keySchema(), beat.key(), true)).isEqualTo("{\"serverName\":\"consinco\"}");
    }

    @Test
    void theDemoDatabaseThroughTheOracleConvertersGivesTheJdbcModesPayloads() throws Exception {
        Map<String, TableSchema> schemas = schemas(connectConfig());
        Map<String, Parsed> parsed = parse(connectConfig());
        Cast.Key<SourceRecord> castKeys = castKeys(connectConfig());
        try (ConsincoDemoDatabase database = ConsincoDemoDatabase.inMemory("oracle-types", new DemoScale(3, 60, 300, 200));
             StreamsFixture debezium = new StreamsFixture(state.resolve("debezium"), PipelineMode.DEBEZIUM);
             StreamsFixture jdbc = new StreamsFixture(state.resolve("jdbc"), PipelineMode.JDBC);
             Connection c = database.connect()) {
            // parents after children and GE_PESSOA first, as ModeEquivalenceTest explains
            for (BaseTable table : List.of(BaseTable.GE_PESSOA, BaseTable.MFL_DFITEM, BaseTable.MAP_PRODUTO, BaseTable.MAX_EMPRESA,
                    BaseTable.MRL_CLIENTE, BaseTable.MFL_DOCTOFISCAL, BaseTable.MAP_FAMILIA, BaseTable.MAP_MARCA)) {
                TableSchema schema = schemas.get(table.name());
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table.name())) {
                    while (rs.next()) {
                        Map<String, Object> values = snapshotValues(rs, parsed.get(table.name()));
                        Object[] row = row(schema, values);
                        SourceRecord keyed = castKeys.apply(new SourceRecord(null, null, "t", null, schema.keySchema(),
                                schema.keyFromColumnData(row), null, null));
                        ObjectNode after = (ObjectNode) Json.mapper().readTree(json(schema.valueSchema(),
                                schema.valueFromColumnData(row), false));
                        debezium.sendRaw(table.name(), json(keyed.keySchema(), keyed.key(), true),
                                StreamsFixture.envelope(table.name(), "r", null, after, "true").toString());
                    }
                }
            }
            Map<String, Map<String, String>> joined = payloads(debezium);

            for (EntityDefinition entity : StreamsFixture.ENTITIES.all()) {
                SourceRows.extractorRows(c, entity.source(), entity.keyColumns()).forEach((key, row) ->
                        jdbc.sendView(entity.name(), Json.mapper().readTree(key), new ChangeEvent(null, row, Op.READ, 1L,
                                new Source("1", Source.JDBC_CONNECTOR, "consinco", 1L, "true", null, null, entity.source(),
                                        entity.name(), null, null, null))));
            }
            Map<String, Map<String, String>> viewed = payloads(jdbc);

            for (EntityDefinition entity : StreamsFixture.ENTITIES.all()) {
                assertThat(viewed.get(entity.name())).as(entity.name()).isNotEmpty();
                assertThat(joined.get(entity.name())).as(entity.name() + ": payloads from Debezium's converters = JDBC mode's, key by key")
                        .containsExactlyEntriesOf(viewed.get(entity.name()));
            }
            for (BaseTable table : BaseTable.CONSINCO.values()) {
                assertThat(debezium.baseDeadLetters(table.name())).as(table.name() + " dead letters").isEmpty();
            }
        }
    }

    // ---- the connector's own machinery ----

    /** connect-config/consinco-oracle.json, with the site's ${env:...} placeholders given a value. */
    static Map<String, String> connectConfig() throws Exception {
        Map<String, String> config = new LinkedHashMap<>();
        Json.mapper().readTree(Files.readString(CONNECT_CONFIG)).properties().forEach(e -> {
            Matcher m = ENV.matcher(e.getValue().asString());
            config.put(e.getKey(), m.replaceAll(r -> "ORACLE_PORT".equals(r.group(1)) ? "1521" : "SITE_" + r.group(1)));
        });
        return config;
    }

    /** Every table of db/oracle (and {@link #EXTRA_DDL}) as the connector builds its schema, by name. */
    private static Map<String, TableSchema> schemas(Map<String, String> settings) throws Exception {
        Map<String, TableSchema> schemas = new TreeMap<>();
        parse(settings).forEach((name, parsed) -> schemas.put(name, parsed.schema()));
        return schemas;
    }

    /** A table as the DDL parser read it, and the schema the connector builds for it. */
    private record Parsed(Table table, TableSchema schema) {
        String typeName(String column) {
            Column c = table.columnWithName(column);
            return c == null ? null : c.typeName();
        }
    }

    private static Map<String, Parsed> parse(Map<String, String> settings) throws Exception {
        OracleConnectorConfig config = new OracleConnectorConfig(Configuration.from(settings));
        OracleConnection connection = mock(OracleConnection.class);
        OracleValueConverters converters = new OracleValueConverters(config, connection);
        OracleDdlParser parser = new OracleDdlParser();
        parser.setCurrentDatabase("ORCLPDB1");
        parser.setCurrentSchema("CONSINCO");
        Tables tables = new Tables();
        parser.parse(Files.readString(DDL, StandardCharsets.UTF_8) + "\n" + EXTRA_DDL, tables);
        TableSchemaBuilder builder = new TableSchemaBuilder(converters, new OracleDefaultValueConverter(converters, connection),
                SchemaNameAdjuster.NO_OP, new CustomConverterRegistry(List.of()), config.getSourceInfoStructMaker().schema(),
                config.getFieldNamer(), false, config.getEventConvertingFailureHandlingMode());
        Map<String, Parsed> schemas = new TreeMap<>();
        for (TableId id : tables.tableIds()) {
            Table table = tables.forTable(id);
            schemas.put(id.table(), new Parsed(table, builder.create(config.getTopicNamingStrategy(OracleConnectorConfig.TOPIC_NAMING_STRATEGY),
                    table, config.getColumnFilter(), ColumnMappers.create(config), config.getKeyMapper())));
        }
        assertThat(schemas).containsKeys(BaseTable.CONSINCO.keySet().toArray(String[]::new));
        return schemas;
    }

    private static Cast.Key<SourceRecord> castKeys(Map<String, String> settings) {
        assertThat(settings.get("transforms.castKeys.type")).isEqualTo(Cast.Key.class.getName());
        Cast.Key<SourceRecord> cast = new Cast.Key<>();
        cast.configure(Map.of("spec", settings.get("transforms.castKeys.spec")));
        return cast;
    }

    /** The column values in the table's column order (a missing column is NULL). */
    private static Object[] row(TableSchema schema, Map<String, ?> values) {
        List<org.apache.kafka.connect.data.Field> fields = schema.valueSchema().fields();
        Object[] row = new Object[fields.size()];
        for (int i = 0; i < row.length; i++) {
            row[i] = values.get(fields.get(i).name());
        }
        return row;
    }

    /** {@code after} as the connector writes it through the JSON converter with schemas off. */
    private static ObjectNode after(TableSchema schema, Map<String, ?> values) {
        return (ObjectNode) Json.mapper().readTree(json(schema.valueSchema(), schema.valueFromColumnData(row(schema, values)), false));
    }

    private static String json(Schema schema, Object value, boolean key) {
        try (JsonConverter converter = new JsonConverter()) {
            converter.configure(Map.of("schemas.enable", "false"), key);
            return new String(converter.fromConnectData("t", schema, value), StandardCharsets.UTF_8);
        }
    }

    /** One row as the Oracle JDBC driver gives a snapshot: BigDecimal for NUMBER, Timestamp for DATE, String. */
    private static Map<String, Object> snapshotValues(ResultSet rs, Parsed table) throws SQLException {
        Map<String, Object> values = new HashMap<>();
        for (var field : table.schema().valueSchema().fields()) {
            String column = field.name();
            String type = table.typeName(column);
            Object value = "DATE".equals(type) ? rs.getTimestamp(column)
                    : "NUMBER".equals(type) ? rs.getBigDecimal(column)
                    : rs.getString(column);
            if (value != null) {
                values.put(column, value);
            }
        }
        return values;
    }

    private static Map<String, Map<String, String>> payloads(StreamsFixture streams) {
        Map<String, Map<String, String>> all = new LinkedHashMap<>();
        for (EntityDefinition entity : StreamsFixture.ENTITIES.all()) {
            Map<String, String> current = all.computeIfAbsent(entity.name(), e -> new TreeMap<>());
            for (TestRecord<String, String> r : streams.payloads(entity.name())) {
                if (r.value() == null) {
                    current.remove(r.key());
                } else {
                    current.put(r.key(), r.value());
                }
            }
        }
        return all;
    }
}
