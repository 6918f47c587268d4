package br.com.cdcplusoft.mapper.join;

import br.com.cdcplusoft.core.json.Json;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rows of the demo database in the two shapes the pipeline receives them: as the JDBC extractor
 * writes a view row (mirrors extractor's {@code jdbc.RowConverter}: whole numbers of up to 18 digits
 * as JSON integers, other numbers exact, DATE as a local ISO string), and as the Debezium Oracle
 * connector writes a base-table row ({@code decimal.handling.mode=string}: {@code NUMBER(p,s>0)} as
 * a decimal string at the column's scale, {@code NUMBER(p,0)} as a JSON integer;
 * {@code time.precision.mode=adaptive}: DATE as epoch milliseconds of the wall clock read as UTC).
 */
final class SourceRows {

    private SourceRows() {
    }

    /** Every row of a view, by its key JSON, in the extractor's format. */
    static Map<String, ObjectNode> extractorRows(Connection c, String view, List<String> keyColumns) throws SQLException {
        return read(c, "SELECT * FROM " + view, keyColumns, false);
    }

    /** Every row of a base table, by its key JSON, as the Debezium connector writes {@code after}. */
    static Map<String, ObjectNode> debeziumRows(Connection c, BaseTable table) throws SQLException {
        return read(c, "SELECT * FROM " + table.name(), table.keyColumns(), true);
    }

    static String key(ObjectNode row, List<String> keyColumns) {
        ObjectNode key = Json.mapper().createObjectNode();
        keyColumns.forEach(k -> key.put(k, row.get(k).longValue()));
        return key.toString();
    }

    private static Map<String, ObjectNode> read(Connection c, String sql, List<String> keyColumns, boolean debezium)
            throws SQLException {
        Map<String, ObjectNode> rows = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                ObjectNode row = debezium ? debeziumRow(rs, md) : extractorRow(rs, md);
                rows.put(key(row, keyColumns), row);
            }
        }
        return rows;
    }

    private static ObjectNode extractorRow(ResultSet rs, ResultSetMetaData md) throws SQLException {
        ObjectNode row = Json.mapper().createObjectNode();
        for (int col = 1; col <= md.getColumnCount(); col++) {
            String name = md.getColumnLabel(col).toUpperCase(Locale.ROOT);
            switch (md.getColumnType(col)) {
                case Types.NUMERIC, Types.DECIMAL, Types.INTEGER, Types.BIGINT, Types.SMALLINT, Types.TINYINT,
                     Types.DOUBLE, Types.FLOAT, Types.REAL -> {
                    BigDecimal value = rs.getBigDecimal(col);
                    if (value == null) {
                        row.putNull(name);
                    } else if (value.scale() <= 0 && value.precision() - value.scale() <= 18) {
                        row.put(name, value.longValueExact());
                    } else {
                        row.put(name, value);
                    }
                }
                case Types.DATE, Types.TIMESTAMP -> {
                    Timestamp ts = rs.getTimestamp(col);
                    row.put(name, ts == null ? null : BaseTable.format(ts.toLocalDateTime()));
                }
                default -> row.put(name, rs.getString(col));
            }
        }
        return row;
    }

    private static ObjectNode debeziumRow(ResultSet rs, ResultSetMetaData md) throws SQLException {
        ObjectNode row = Json.mapper().createObjectNode();
        for (int col = 1; col <= md.getColumnCount(); col++) {
            String name = md.getColumnLabel(col).toUpperCase(Locale.ROOT);
            switch (md.getColumnType(col)) {
                case Types.NUMERIC, Types.DECIMAL, Types.INTEGER, Types.BIGINT, Types.SMALLINT, Types.TINYINT -> {
                    BigDecimal value = rs.getBigDecimal(col);
                    if (value == null) {
                        row.putNull(name);
                    } else if (md.getScale(col) > 0) {
                        row.put(name, value.setScale(md.getScale(col)).toPlainString());
                    } else {
                        row.put(name, value.longValueExact());
                    }
                }
                case Types.DATE, Types.TIMESTAMP -> {
                    Timestamp ts = rs.getTimestamp(col);
                    if (ts == null) {
                        row.putNull(name);
                    } else {
                        row.put(name, ts.toLocalDateTime().toInstant(ZoneOffset.UTC).toEpochMilli());
                    }
                }
                default -> row.put(name, rs.getString(col));
            }
        }
        return row;
    }
}
