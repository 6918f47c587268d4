package br.com.cdcplusoft.mapper.join;

import br.com.cdcplusoft.core.json.Json;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Consinco base table as Debezium captures it, and how its rows become the JDBC extractor's row
 * format, so that a row joined from base tables is the row the integration view would have given.
 *
 * <p>Debezium ({@code decimal.handling.mode=string}, {@code time.precision.mode=adaptive}) writes
 * {@code NUMBER(p,s>0)} as decimal strings ({@code "12.90"}), {@code NUMBER(p,0)} as JSON integers
 * and {@code DATE} as epoch milliseconds of the local wall clock read as UTC. The extractor writes
 * integers as JSON integers, other decimals as exact JSON numbers and dates as local ISO strings
 * ({@code 2025-03-01T14:32:00}). Which columns are numbers and dates is declared here, from
 * {@code db/oracle/01_consinco_tables.sql} (a test checks it against the demo database): a text
 * column holding digits ({@code NROLOGRADOURO}) must stay text.
 *
 * @param name          Oracle table name
 * @param keyColumns    primary key columns, in constraint order (the order of Debezium's record key)
 * @param numberColumns every {@code NUMBER} column
 * @param dateColumns   every {@code DATE} column
 */
record BaseTable(String name, List<String> keyColumns, Set<String> numberColumns, Set<String> dateColumns) {

    private static final JsonNodeFactory NODES = Json.mapper().getNodeFactory();
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT);

    static final BaseTable GE_PESSOA = new BaseTable("GE_PESSOA", List.of("SEQPESSOA"),
            Set.of("SEQPESSOA", "NROCGCCPF", "DIGCGCCPF", "FONEDDD1", "FONENRO1", "FONEDDD2", "FONENRO2", "CEP"),
            Set.of("DTANASCFUND", "DTAINCLUSAO", "DTAALTERACAO", "DATAHORAALTERACAO"));
    static final BaseTable MRL_CLIENTE = new BaseTable("MRL_CLIENTE", List.of("SEQPESSOA"),
            Set.of("SEQPESSOA"), Set.of("DTACADASTRO"));
    static final BaseTable MAX_EMPRESA = new BaseTable("MAX_EMPRESA", List.of("NROEMPRESA"),
            Set.of("NROEMPRESA", "NROCGC", "DIGCGC", "SEQPESSOAEMP", "CEP", "NROMETRO2LOJA"), Set.of("DTAINAUGURACAO"));
    static final BaseTable MAP_MARCA = new BaseTable("MAP_MARCA", List.of("SEQMARCA"),
            Set.of("SEQMARCA"), Set.of("DTAHORALTERACAO"));
    static final BaseTable MAP_FAMILIA = new BaseTable("MAP_FAMILIA", List.of("SEQFAMILIA"),
            Set.of("SEQFAMILIA", "SEQMARCA"), Set.of("DTAHORALTERACAO"));
    static final BaseTable MAP_PRODUTO = new BaseTable("MAP_PRODUTO", List.of("SEQPRODUTO"),
            Set.of("SEQPRODUTO", "SEQFAMILIA"), Set.of("DTAHORINCLUSAO", "DTAHORALTERACAO"));
    static final BaseTable MFL_DOCTOFISCAL = new BaseTable("MFL_DOCTOFISCAL", List.of("SEQNF"),
            Set.of("SEQNF", "NROEMPRESA", "NUMERODF", "NROCHECKOUT", "CODGERALOPER", "SEQPESSOA", "NROFORMAPAGTO"),
            Set.of("DTAMOVIMENTO", "DTAHOREMISSAO", "DTACANCELAMENTO"));
    static final BaseTable MFL_DFITEM = new BaseTable("MFL_DFITEM", List.of("SEQNF", "SEQPRODUTO"),
            Set.of("SEQNF", "SEQPRODUTO", "QUANTIDADE", "VLRITEM", "VLRDESCONTO", "CFOP"), Set.of());

    /** The eight tables the Debezium connector captures, by name. */
    static final Map<String, BaseTable> CONSINCO = byName(MAX_EMPRESA, GE_PESSOA, MRL_CLIENTE, MAP_PRODUTO, MAP_FAMILIA,
            MAP_MARCA, MFL_DOCTOFISCAL, MFL_DFITEM);

    BaseTable {
        keyColumns = List.copyOf(keyColumns);
        numberColumns = Set.copyOf(numberColumns);
        dateColumns = Set.copyOf(dateColumns);
    }

    /**
     * The row in the extractor's format: numbers exact (integers as JSON integers), dates as local
     * ISO strings; other columns, and values that are not what their type expects, untouched (the
     * mapping reports a bad value with its field's name).
     */
    ObjectNode normalise(ObjectNode debeziumRow) {
        ObjectNode row = Json.mapper().createObjectNode();
        for (Map.Entry<String, JsonNode> column : debeziumRow.properties()) {
            String name = column.getKey();
            JsonNode value = column.getValue();
            if (value == null || value.isNull()) {
                row.putNull(name);
            } else if (numberColumns.contains(name)) {
                row.set(name, number(value));
            } else if (dateColumns.contains(name)) {
                row.set(name, date(value));
            } else {
                row.set(name, value);
            }
        }
        return row;
    }

    /**
     * The record key as this table's primary key in the one form the joins can match: an object with
     * exactly the key columns, in order, each a JSON integer ({@code {"SEQNF":1,"SEQPRODUTO":2}}),
     * which is how Debezium writes an Oracle {@code NUMBER(p,0)} key. A key in any other form would
     * land on another partition, or under other bytes, than the foreign keys that point to it.
     */
    boolean isCanonicalKey(JsonNode key) {
        if (key == null || !key.isObject() || key.size() != keyColumns.size()) {
            return false;
        }
        Iterator<String> names = key.propertyNames().iterator();
        for (String column : keyColumns) {
            if (!names.hasNext() || !column.equals(names.next()) || !key.get(column).isIntegralNumber()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The record key in the canonical form of {@link #isCanonicalKey} (the JDBC extractor's key bytes),
     * or null when it is not this table's key: the key columns in any order, each a whole number as a
     * JSON integer, a decimal ({@code 5001.0}) or a string ({@code "5001"}, which is how Debezium writes
     * an unconstrained {@code NUMBER}, or any {@code NUMBER(p,0)} without
     * {@code legacy.decimal.handling.strategy}); a converter's {@code {"schema":..,"payload":..}}
     * wrapper is taken off.
     */
    ObjectNode canonicalKey(JsonNode key) {
        JsonNode k = key;
        if (k != null && k.isObject() && k.size() == 2 && k.has("schema") && k.has("payload")) {
            k = k.get("payload");
        }
        if (k == null || !k.isObject() || k.size() != keyColumns.size()) {
            return null;
        }
        for (String column : keyColumns) {
            if (!k.has(column)) {
                return null;
            }
        }
        return keyFrom((ObjectNode) k, keyColumns);
    }

    /** A key of this table from column values of another table's row, or null when a value is missing or not whole. */
    ObjectNode keyFrom(ObjectNode row, List<String> columns) {
        if (row == null) {
            return null;
        }
        ObjectNode key = Json.mapper().createObjectNode();
        for (int i = 0; i < keyColumns.size(); i++) {
            JsonNode value = integral(row.get(columns.get(i)));
            if (value == null) {
                return null;
            }
            key.set(keyColumns.get(i), value);
        }
        return key;
    }

    /** Formats a wall-clock time as the extractor does: seconds precision unless there is a fraction. */
    static String format(LocalDateTime value) {
        return value.getNano() == 0 ? LOCAL.format(value) : value.toString();
    }

    private static JsonNode number(JsonNode value) {
        BigDecimal d;
        if (value.isNumber()) {
            d = value.decimalValue();
        } else if (value.isString()) {
            try {
                d = new BigDecimal(value.asString().strip());
            } catch (NumberFormatException e) {
                return value;
            }
        } else {
            return value;
        }
        // the rule of the extractor's RowConverter: whole numbers of up to 18 digits as JSON integers
        if (d.scale() <= 0 && d.precision() - d.scale() <= 18) {
            return NODES.numberNode(d.longValueExact());
        }
        return NODES.numberNode(d);
    }

    private static JsonNode date(JsonNode value) {
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            return value;
        }
        LocalDateTime wallClock = LocalDateTime.ofInstant(Instant.ofEpochMilli(value.longValue()), ZoneOffset.UTC);
        return NODES.stringNode(format(wallClock));
    }

    private static JsonNode integral(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            BigDecimal d = value.isNumber() ? value.decimalValue() : new BigDecimal(value.asString().strip());
            return NODES.numberNode(d.longValueExact());
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    private static Map<String, BaseTable> byName(BaseTable... tables) {
        Map<String, BaseTable> map = new LinkedHashMap<>();
        for (BaseTable t : tables) {
            map.put(t.name(), t);
        }
        return Collections.unmodifiableMap(map);
    }
}
