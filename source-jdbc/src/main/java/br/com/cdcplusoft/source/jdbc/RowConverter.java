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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a result-set row into the envelope's {@code after} object, faithful to the source: column
 * names exactly as Oracle reports them, text untouched (the mapper cleans it), integers as JSON
 * integers, decimals exact, and {@code DATE}s as local date-times without an offset (Oracle DATE
 * has no zone; the mapper applies America/Sao_Paulo). The gateway's reads use it too, so the
 * mapper's preview sees exactly what the stream would see.
 *
 * <p>The row comes out either as a tree ({@link #convert}) or written straight to a JSON generator
 * ({@link #write}), which is what the snapshot and poll readers use: no tree per row. Both give the
 * same JSON, including the tree's rule for a name that occurs twice (first position, last value).
 * Names and value kinds are resolved once per query, here.
 */
public final class RowConverter {

    static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT);

    private static final int NUMBER = 0;
    private static final int TEMPORAL = 1;
    private static final int TEXT = 2;

    private final String[] names;
    private final int[] kinds;
    /** The columns {@link #write} writes, in output order: for a repeated name the last column at the first one's place. */
    private final int[] output;
    private final SerializableString[] quoted;

    public RowConverter(ResultSetMetaData md) throws SQLException {
        names = new String[md.getColumnCount()];
        kinds = new int[names.length];
        quoted = new SerializableString[names.length];
        Map<String, Integer> lastOf = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            names[i] = md.getColumnLabel(i + 1).toUpperCase(Locale.ROOT);
            kinds[i] = kind(md.getColumnType(i + 1));
            quoted[i] = new SerializedString(names[i]);
            lastOf.put(names[i], i);
        }
        output = lastOf.values().stream().mapToInt(Integer::intValue).toArray();
    }

    private static int kind(int sqlType) {
        return switch (sqlType) {
            case Types.NUMERIC, Types.DECIMAL, Types.INTEGER, Types.BIGINT, Types.SMALLINT, Types.TINYINT,
                 Types.DOUBLE, Types.FLOAT, Types.REAL -> NUMBER;
            case Types.DATE, Types.TIMESTAMP -> TEMPORAL;
            default -> TEXT;
        };
    }

    /** The 1-based index of a column, for reading it from the result set. */
    int indexOf(String column) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(column)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("column " + column + " is not in the result set");
    }

    /** The 1-based indexes of {@code columns}, in their order. */
    int[] indexesOf(List<String> columns) {
        int[] indexes = new int[columns.size()];
        for (int i = 0; i < indexes.length; i++) {
            indexes[i] = indexOf(columns.get(i));
        }
        return indexes;
    }

    public ObjectNode convert(ResultSet rs) throws SQLException {
        ObjectNode row = Json.mapper().createObjectNode();
        for (int i = 0; i < names.length; i++) {
            put(rs, i + 1, row);
        }
        return row;
    }

    /** Only the columns at the given 1-based indexes (a row's key), as a tree. */
    ObjectNode convert(ResultSet rs, int[] columns) throws SQLException {
        ObjectNode row = Json.mapper().createObjectNode();
        for (int col : columns) {
            put(rs, col, row);
        }
        return row;
    }

    private void put(ResultSet rs, int col, ObjectNode row) throws SQLException {
        String name = names[col - 1];
        switch (kinds[col - 1]) {
            case NUMBER -> {
                BigDecimal value = rs.getBigDecimal(col);
                if (value == null) {
                    row.putNull(name);
                } else if (isLong(value)) {
                    row.put(name, value.longValueExact());
                } else {
                    row.put(name, value);
                }
            }
            case TEMPORAL -> {
                Timestamp ts = rs.getTimestamp(col);
                row.put(name, ts == null ? null : format(ts.toLocalDateTime()));
            }
            default -> row.put(name, rs.getString(col));
        }
    }

    /** Writes the row as one JSON object, as {@link #convert(ResultSet)} followed by serialisation would. */
    public void write(ResultSet rs, JsonGenerator out) throws SQLException {
        out.writeStartObject();
        for (int i : output) {
            out.writeName(quoted[i]);
            int col = i + 1;
            switch (kinds[i]) {
                case NUMBER -> {
                    BigDecimal value = rs.getBigDecimal(col);
                    if (value == null) {
                        out.writeNull();
                    } else if (isLong(value)) {
                        out.writeNumber(value.longValueExact());
                    } else {
                        out.writeNumber(value);
                    }
                }
                case TEMPORAL -> {
                    Timestamp ts = rs.getTimestamp(col);
                    out.writeString(ts == null ? null : format(ts.toLocalDateTime()));
                }
                default -> out.writeString(rs.getString(col));
            }
        }
        out.writeEndObject();
    }

    /** Whole numbers of up to 18 digits are JSON integers (the mapper's BaseTable follows the same rule). */
    private static boolean isLong(BigDecimal value) {
        return value.scale() <= 0 && value.precision() - value.scale() <= 18;
    }

    /** As {@link #LOCAL} when the value has no fraction of a second, as ISO with the fraction otherwise. */
    static String format(LocalDateTime value) {
        if (value.getNano() != 0) {
            return value.toString();
        }
        int year = value.getYear();
        if (year < 1 || year > 9999) {
            return LOCAL.format(value);
        }
        // DateTimeFormatter costs about a microsecond per call; a DATE column is read for every row
        char[] text = new char[19];
        digits(text, 0, year, 4);
        text[4] = '-';
        digits(text, 5, value.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, value.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, value.getHour(), 2);
        text[13] = ':';
        digits(text, 14, value.getMinute(), 2);
        text[16] = ':';
        digits(text, 17, value.getSecond(), 2);
        return new String(text);
    }

    private static void digits(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    static LocalDateTime parse(String value) {
        return value == null ? null : LocalDateTime.parse(value);
    }
}
