package br.com.cdcplusoft.source.jdbc;

import br.com.cdcplusoft.core.catalog.EntityDefinition;
import br.com.cdcplusoft.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a source view in bounded chunks: by key (snapshots) or by (cursor, key) (incremental
 * polls). Every query fetches at most {@code chunk-size} rows and resumes after the last row
 * returned, so memory stays constant whatever the table size and rows sharing a cursor value
 * are neither skipped nor read twice.
 *
 * <p>The SQL avoids row-value comparisons ({@code (a, b) > (?, ?)}), which Oracle rejects, and uses
 * {@code FETCH FIRST n ROWS ONLY}, which both Oracle 12c+ and H2 accept.
 */
public final class SourceReader {

    /** The pipeline's JSON settings; one generator writes many rows, with nothing between them. */
    private static final ObjectWriter ROWS = Json.mapper().writer().withRootValueSeparator((String) null);

    private final DataSource dataSource;

    public SourceReader(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The chunk of rows that follows {@code afterKey} in key order (from the start when null). */
    public List<SourceRow> keyChunk(EntityDefinition entity, ObjectNode afterKey) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT * FROM ").append(entity.source());
        List<Object> params = new ArrayList<>();
        List<String> where = new ArrayList<>();
        if (afterKey != null) {
            where.add(afterKeyPredicate(entity.keyColumns(), afterKey, params));
        }
        if (entity.filter() != null) {
            where.add("(" + entity.filter() + ")");
        }
        if (!where.isEmpty()) {
            sql.append(" WHERE ").append(String.join(" AND ", where));
        }
        sql.append(" ORDER BY ").append(String.join(", ", entity.keyColumns()));
        sql.append(" FETCH FIRST ").append(entity.chunkSize()).append(" ROWS ONLY");
        return query(entity, sql.toString(), params);
    }

    /**
     * Reads the whole source in key order and hands it over chunk by chunk (at most
     * {@code chunk-size} rows each); returns the number of rows read.
     *
     * <p>When the leading key column is numeric the scan walks bounded ranges of it
     * ({@code K1 >= lo AND K1 < hi}), keyset-paginated inside each range, with the range width adapted
     * to the rows found. A bounded range lets the database stop early even where it cannot read a
     * join in composite-key order (H2 sorts the whole remainder of a joined view for every plain
     * keyset chunk, which makes a large snapshot quadratic); Oracle is served equally well.
     */
    public long scan(EntityDefinition entity, ChunkHandler handler) throws Exception {
        String k1 = entity.keyColumns().get(0);
        Object[] bounds = minMax(entity, k1);
        if (bounds[0] == null) {
            return 0;
        }
        if (!(bounds[0] instanceof Number) || !(bounds[1] instanceof Number)) {
            return scanByKeyset(entity, handler);
        }
        long min = ((Number) bounds[0]).longValue();
        long max = ((Number) bounds[1]).longValue();
        long width = Math.max(1, entity.chunkSize());
        long total = 0;
        for (long lo = min; lo <= max; ) {
            long hi = lo + width > lo ? lo + width : Long.MAX_VALUE;
            long inRange = 0;
            ObjectNode after = null;
            List<SourceRow> chunk;
            do {
                chunk = rangeChunk(entity, k1, lo, hi, after);
                if (!chunk.isEmpty()) {
                    handler.accept(chunk);
                    after = chunk.get(chunk.size() - 1).key();
                    inRange += chunk.size();
                }
            } while (chunk.size() == entity.chunkSize());
            total += inRange;
            // aim the next range at about one chunk of rows
            double density = inRange / (double) (hi - lo);
            width = density == 0 ? width * 4 : Math.max(1, Math.min(width * 4, (long) (entity.chunkSize() / density)));
            lo = hi;
        }
        return total;
    }

    /** Receives the rows of a scan, one chunk at a time. */
    @FunctionalInterface
    public interface ChunkHandler {
        void accept(List<SourceRow> chunk) throws Exception;
    }

    private long scanByKeyset(EntityDefinition entity, ChunkHandler handler) throws Exception {
        long total = 0;
        ObjectNode after = null;
        List<SourceRow> chunk;
        do {
            chunk = keyChunk(entity, after);
            if (!chunk.isEmpty()) {
                handler.accept(chunk);
                after = chunk.get(chunk.size() - 1).key();
                total += chunk.size();
            }
        } while (chunk.size() == entity.chunkSize());
        return total;
    }

    private List<SourceRow> rangeChunk(EntityDefinition entity, String k1, long lo, long hi, ObjectNode afterKey)
            throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT * FROM ").append(entity.source())
                .append(" WHERE ").append(k1).append(" >= ? AND ").append(k1).append(" < ?");
        List<Object> params = new ArrayList<>(List.of(lo, hi));
        if (afterKey != null) {
            sql.append(" AND ").append(afterKeyPredicate(entity.keyColumns(), afterKey, params));
        }
        if (entity.filter() != null) {
            sql.append(" AND (").append(entity.filter()).append(")");
        }
        sql.append(" ORDER BY ").append(String.join(", ", entity.keyColumns()));
        sql.append(" FETCH FIRST ").append(entity.chunkSize()).append(" ROWS ONLY");
        return query(entity, sql.toString(), params);
    }

    private Object[] minMax(EntityDefinition entity, String column) throws SQLException {
        String sql = "SELECT MIN(" + column + "), MAX(" + column + ") FROM " + entity.source()
                + (entity.filter() == null ? "" : " WHERE (" + entity.filter() + ")");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            Object min = rs.getObject(1);
            Object max = rs.getObject(2);
            boolean integral = min instanceof Number n && max instanceof Number m && isIntegral(n) && isIntegral(m);
            return integral ? new Object[] {min, max} : new Object[] {min == null ? null : min.toString(), max};
        } catch (SQLException e) {
            throw new SQLException("entity '" + entity.name() + "': reading " + entity.source() + " failed: " + e.getMessage(), e);
        }
    }

    private static boolean isIntegral(Number n) {
        if (n instanceof java.math.BigDecimal d) {
            return d.stripTrailingZeros().scale() <= 0 && d.abs().compareTo(java.math.BigDecimal.valueOf(Long.MAX_VALUE / 4)) < 0;
        }
        return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof java.math.BigInteger;
    }

    /**
     * The chunk of rows at or after {@code from} in (cursor, key) order; when {@code afterKey} is
     * given, rows with cursor equal to {@code from} must also come after that key.
     *
     * <p>With {@code cursor-index-columns} the cursor is the greatest of those columns, so a row is at
     * or after {@code from} exactly when one of them is: the query is a UNION ALL of one branch per
     * column ({@code C_i >= from}, and no earlier column {@code >= from}, so branches never repeat a row),
     * each of which the database answers through that column's index, ordered and cut as one.
     */
    public List<SourceRow> cursorChunk(EntityDefinition entity, LocalDateTime from, ObjectNode afterKey) throws SQLException {
        String cur = entity.cursorColumn();
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT * FROM ");
        List<String> indexed = entity.cursorIndexColumns();
        if (indexed.isEmpty()) {
            sql.append(entity.source()).append(" WHERE ").append(cursorPredicate(entity, from, afterKey, params));
        } else {
            List<String> branches = new ArrayList<>();
            for (int i = 0; i < indexed.size(); i++) {
                // bounded above too: where nulls sort high (Oracle's order, H2 in Oracle mode) an index range
                // open at the top also walks every null of a mostly-null column such as DTACANCELAMENTO
                StringBuilder branch = new StringBuilder("SELECT * FROM ").append(entity.source()).append(" WHERE ")
                        .append(indexed.get(i)).append(" >= CAST(? AS DATE) AND ").append(indexed.get(i))
                        .append(" <= DATE '9999-12-31'");
                params.add(Timestamp.valueOf(from));
                for (String earlier : indexed.subList(0, i)) {
                    branch.append(" AND (").append(earlier).append(" < CAST(? AS DATE) OR ").append(earlier).append(" IS NULL)");
                    params.add(Timestamp.valueOf(from));
                }
                branch.append(" AND ").append(cursorPredicate(entity, from, afterKey, params));
                branches.add(branch.toString());
            }
            sql.append("(").append(String.join(" UNION ALL ", branches)).append(") CHANGED");
        }
        sql.append(" ORDER BY ").append(cur).append(", ").append(String.join(", ", entity.keyColumns()));
        sql.append(" FETCH FIRST ").append(entity.chunkSize()).append(" ROWS ONLY");
        return query(entity, sql.toString(), params);
    }

    /** {@code cursor >= from} (or after {@code (from, afterKey)}), and the entity's filter. */
    private static String cursorPredicate(EntityDefinition entity, LocalDateTime from, ObjectNode afterKey, List<Object> params) {
        String cur = entity.cursorColumn();
        StringBuilder sql = new StringBuilder();
        if (afterKey == null) {
            sql.append(cur).append(" >= CAST(? AS DATE)");
            params.add(Timestamp.valueOf(from));
        } else {
            sql.append("(").append(cur).append(" > CAST(? AS DATE) OR (").append(cur).append(" = CAST(? AS DATE) AND ");
            params.add(Timestamp.valueOf(from));
            params.add(Timestamp.valueOf(from));
            sql.append(afterKeyPredicate(entity.keyColumns(), afterKey, params)).append("))");
        }
        if (entity.filter() != null) {
            sql.append(" AND (").append(entity.filter()).append(")");
        }
        return sql.toString();
    }

    /** The greatest cursor value in the source now, or null when it is empty. */
    public LocalDateTime maxCursor(EntityDefinition entity) throws SQLException {
        String sql = "SELECT MAX(" + entity.cursorColumn() + ") FROM " + entity.source()
                + (entity.filter() == null ? "" : " WHERE (" + entity.filter() + ")");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            Timestamp ts = rs.getTimestamp(1);
            return ts == null ? null : ts.toLocalDateTime();
        }
    }

    /** The database's present as a DATE column would hold it (local time, Oracle {@code SYSDATE}). */
    public LocalDateTime databaseNow() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT SYSDATE FROM DUAL");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getTimestamp(1).toLocalDateTime();
        }
    }

    /** {@code K1 > ? OR (K1 = ? AND K2 > ?) ...}: a key strictly after {@code afterKey}, without row values. */
    static String afterKeyPredicate(List<String> keys, JsonNode afterKey, List<Object> params) {
        List<String> alternatives = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            StringBuilder alt = new StringBuilder();
            for (int j = 0; j < i; j++) {
                alt.append(keys.get(j)).append(" = ? AND ");
                params.add(value(afterKey.get(keys.get(j))));
            }
            alt.append(keys.get(i)).append(" > ?");
            params.add(value(afterKey.get(keys.get(i))));
            alternatives.add(keys.size() == 1 ? alt.toString() : "(" + alt + ")");
        }
        return "(" + String.join(" OR ", alternatives) + ")";
    }

    private static Object value(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        return node.asString();
    }

    private List<SourceRow> query(EntityDefinition entity, String sql, List<Object> params) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setFetchSize(Math.min(entity.chunkSize(), 1000));
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                // column metadata resolved once per query; each row is written as JSON bytes through one reused
                // generator and buffer, never built as a tree
                RowConverter converter = new RowConverter(rs.getMetaData());
                int[] keyColumns = converter.indexesOf(entity.keyColumns());
                int cursorColumn = entity.hasCursor() ? converter.indexOf(entity.cursorColumn()) : 0;
                ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);
                List<SourceRow> rows = new ArrayList<>(entity.chunkSize());
                try (JsonGenerator json = ROWS.createGenerator(buffer)) {
                    while (rs.next()) {
                        ObjectNode key = converter.convert(rs, keyColumns);
                        json.writeTree(key);
                        byte[] keyJson = bytes(json, buffer);
                        converter.write(rs, json);
                        byte[] rowJson = bytes(json, buffer);
                        LocalDateTime cursor = cursorColumn == 0 ? null : toLocal(rs.getTimestamp(cursorColumn));
                        rows.add(new SourceRow(key, keyJson, rowJson, cursor));
                    }
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new SQLException("entity '" + entity.name() + "': reading " + entity.source() + " failed: " + e.getMessage(), e);
        }
    }

    private static byte[] bytes(JsonGenerator json, ByteArrayOutputStream buffer) {
        json.flush();
        byte[] bytes = buffer.toByteArray();
        buffer.reset();
        return bytes;
    }

    private static LocalDateTime toLocal(Timestamp ts) {
        return ts == null ? null : ts.toLocalDateTime();
    }
}
