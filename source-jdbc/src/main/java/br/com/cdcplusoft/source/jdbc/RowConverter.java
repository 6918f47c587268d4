package br.com.cdcplusoft.source.jdbc;

import br.com.cdcplusoft.core.json.Json;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a result-set row into the envelope's {@code after} object, faithful to the source: column
 * names exactly as Oracle reports them, text untouched (the mapper cleans it), integers as JSON
 * integers, decimals exact, and {@code DATE}s as local date-times without an offset (Oracle DATE
 * has no zone; the mapper applies America/Sao_Paulo). The gateway's reads use it too, so the
 * mapper's preview sees exactly what the stream would see.
 */
public final class RowConverter {

    static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT);

    private final String[] names;
    private final int[] types;

    public RowConverter(ResultSetMetaData md) throws SQLException {
        names = new String[md.getColumnCount()];
        types = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            names[i] = md.getColumnLabel(i + 1).toUpperCase(Locale.ROOT);
            types[i] = md.getColumnType(i + 1);
        }
    }

    int indexOf(String column) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(column)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("column " + column + " is not in the result set");
    }

    public ObjectNode convert(ResultSet rs) throws SQLException {
        ObjectNode row = Json.mapper().createObjectNode();
        for (int i = 0; i < names.length; i++) {
            int col = i + 1;
            switch (types[i]) {
                case Types.NUMERIC, Types.DECIMAL, Types.INTEGER, Types.BIGINT, Types.SMALLINT, Types.TINYINT,
                     Types.DOUBLE, Types.FLOAT, Types.REAL -> {
                    BigDecimal value = rs.getBigDecimal(col);
                    if (value == null) {
                        row.putNull(names[i]);
                    } else if (value.scale() <= 0 && value.precision() - value.scale() <= 18) {
                        row.put(names[i], value.longValueExact());
                    } else {
                        row.put(names[i], value);
                    }
                }
                case Types.DATE, Types.TIMESTAMP -> {
                    Timestamp ts = rs.getTimestamp(col);
                    row.put(names[i], ts == null ? null : format(ts.toLocalDateTime()));
                }
                default -> row.put(names[i], rs.getString(col));
            }
        }
        return row;
    }

    static String format(LocalDateTime value) {
        return value.getNano() == 0 ? LOCAL.format(value) : value.toString();
    }

    static LocalDateTime parse(String value) {
        return value == null ? null : LocalDateTime.parse(value);
    }
}
