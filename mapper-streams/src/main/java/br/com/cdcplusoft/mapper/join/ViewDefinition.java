package br.com.cdcplusoft.mapper.join;

import br.com.cdcplusoft.core.json.Json;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An integration view rebuilt from base tables: the table it starts from, the joins and filters that
 * follow, and its columns, each read like the view's SQL in {@code db/oracle/02_plusoft_views.sql}
 * (same aliases, same column names and order). {@link JoinTopology} turns the joins into KTable
 * joins; {@link #row} turns a joined row into the view row the JDBC extractor would have read.
 *
 * @param entity  the pipeline entity the view feeds ({@code produtos})
 * @param view    the view's name ({@code VW_PLUSOFT_PRODUTO})
 * @param from    the table whose key is the view's key, and its alias
 * @param steps   joins and filters, in order
 * @param columns the view's columns, in order
 */
record ViewDefinition(String entity, String view, Aliased from, List<Step> steps, List<Column> columns) {

    /** {@code COALESCE(..., DATE '1900-01-01')}: the views' floor for a missing change date. */
    static final String DATE_1900 = "1900-01-01T00:00:00";

    ViewDefinition {
        steps = List.copyOf(steps);
        columns = List.copyOf(columns);
    }

    /** A table and the alias the view's SQL gives it. */
    record Aliased(BaseTable table, String alias) {
    }

    /** One step after {@code FROM}. */
    sealed interface Step permits ForeignKeyJoin, KeyJoin, Filter {
    }

    /**
     * {@code [LEFT] JOIN table alias ON alias.<key> = fromAlias.<columns>}: a KTable foreign-key join,
     * so that a change of the joined row re-emits every row that points to it.
     *
     * @param columns the columns of {@code fromAlias}'s row that hold the joined table's key, in key order
     */
    record ForeignKeyJoin(boolean inner, Aliased joined, String fromAlias, List<String> columns) implements Step {
        ForeignKeyJoin {
            columns = List.copyOf(columns);
            if (columns.size() != joined.table().keyColumns().size()) {
                throw new IllegalArgumentException("join of " + joined.table().name() + " names " + columns.size()
                        + " columns for a key of " + joined.table().keyColumns().size());
            }
        }

        /** The joined table's key this row points to, or null when it points to none. */
        ObjectNode foreignKey(JoinedRow row) {
            return joined.table().keyFrom(row.row(fromAlias), columns);
        }
    }

    /** {@code JOIN table alias ON alias.<key> = <from>.<key>}: both tables share the key (co-partitioned). */
    record KeyJoin(Aliased joined) implements Step {
    }

    /** {@code WHERE ...}: a row that stops matching leaves the view (a delete). */
    record Filter(String sql, Predicate<JoinedRow> matches) implements Step {
    }

    /** One output column. */
    record Column(String name, Function<JoinedRow, JsonNode> value) {
    }

    static Column column(String alias, String name) {
        return new Column(name, row -> row.value(alias, name));
    }

    /** {@code alias.source AS name}. */
    static Column column(String alias, String source, String name) {
        return new Column(name, row -> row.value(alias, source));
    }

    static Column computed(String name, Function<JoinedRow, JsonNode> value) {
        return new Column(name, value);
    }

    /** The view row: every column, in order, SQL NULL as JSON null. */
    ObjectNode row(JoinedRow joined) {
        ObjectNode row = Json.mapper().createObjectNode();
        for (Column column : columns) {
            JsonNode value = column.value().apply(joined);
            if (value == null) {
                row.putNull(column.name());
            } else {
                row.set(column.name(), value);
            }
        }
        return row;
    }

    List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }

    /** The view's key: the key of the table it starts from. */
    List<String> keyColumns() {
        return from.table().keyColumns();
    }

    /** Every table the view reads, {@code from} first. */
    Set<BaseTable> tables() {
        Set<BaseTable> tables = new LinkedHashSet<>();
        tables.add(from.table());
        for (Step step : steps) {
            if (step instanceof ForeignKeyJoin fk) {
                tables.add(fk.joined().table());
            } else if (step instanceof KeyJoin kj) {
                tables.add(kj.joined().table());
            }
        }
        return tables;
    }

    // ---- Oracle's functions on DATE values, as the views use them ----

    /** A date column as a wall-clock time, or null when it is NULL (or not a local ISO date-time). */
    static LocalDateTime date(JsonNode value) {
        if (value == null || !value.isString()) {
            return null;
        }
        try {
            return LocalDateTime.parse(value.asString());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** {@code COALESCE(a, b, ..., DATE '1900-01-01')}. */
    static LocalDateTime coalesce(JsonNode... values) {
        for (JsonNode v : values) {
            LocalDateTime t = date(v);
            if (t != null) {
                return t;
            }
        }
        return LocalDateTime.parse(DATE_1900);
    }

    /** Oracle's {@code GREATEST}: NULL when any argument is NULL. */
    static LocalDateTime greatest(LocalDateTime... values) {
        LocalDateTime max = null;
        for (LocalDateTime t : values) {
            if (t == null) {
                return null;
            }
            max = max == null || t.isAfter(max) ? t : max;
        }
        return max;
    }

    static JsonNode dateNode(LocalDateTime value) {
        return value == null ? null : Json.mapper().getNodeFactory().stringNode(BaseTable.format(value));
    }

    /** {@code alias.column = 'value'} on a CHAR column (Oracle compares CHAR blank-padded). */
    static Predicate<JoinedRow> equalsText(String alias, String column, String value) {
        Objects.requireNonNull(value);
        return row -> {
            JsonNode v = row.value(alias, column);
            return v != null && v.isString() && v.asString().stripTrailing().equals(value);
        };
    }

    @Override
    public String toString() {
        return view + " (" + entity + ")";
    }
}
