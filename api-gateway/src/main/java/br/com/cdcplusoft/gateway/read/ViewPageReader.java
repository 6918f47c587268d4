package br.com.cdcplusoft.gateway.read;

import br.com.cdcplusoft.core.catalog.EntityDefinition;
import br.com.cdcplusoft.core.json.Json;
import br.com.cdcplusoft.source.jdbc.RowConverter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads one page of an entity's integration view in key order: a stable order, so that
 * {@code pular}/{@code limite} pages neither repeat nor skip rows while the view is unchanged.
 *
 * <p>The SQL is {@code ORDER BY <keys> OFFSET ? ROWS FETCH NEXT ? ROWS ONLY}, accepted by Oracle
 * 12c+ and by H2 in Oracle mode; after a key ({@link #readAfter}) it is a keyset predicate
 * ({@code k1 > ? OR (k1 = ? AND k2 > ?) ...}) instead of an offset, so a deep page costs the ERP what
 * the first one does. The view, filter and key columns come from the entity catalog (validated
 * identifiers); the caller's values are bind parameters only. One row more than asked is fetched to
 * tell whether another page follows, without a {@code COUNT(*)} over a large view. Every query runs
 * with a timeout: the driver cancels it on the database (Oracle: ORA-01013) and the caller gets a
 * {@link org.springframework.dao.QueryTimeoutException}.
 */
final class ViewPageReader {

    private final JdbcTemplate jdbc;

    ViewPageReader(DataSource dataSource) {
        this(dataSource, Duration.ofSeconds(10));
    }

    ViewPageReader(DataSource dataSource, Duration queryTimeout) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setQueryTimeout((int) Math.max(1, queryTimeout.toSeconds()));
    }

    /** @throws org.springframework.dao.DataAccessException when the database cannot be read or the query times out */
    ViewPage read(EntityDefinition entity, long skip, int limit) {
        String sql = "SELECT * FROM " + entity.source()
                + (entity.filter() == null ? "" : " WHERE (" + entity.filter() + ")")
                + " ORDER BY " + String.join(", ", entity.keyColumns())
                + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";
        return query(entity, limit, sql, ps -> {
            ps.setLong(1, skip);
            ps.setInt(2, limit + 1);
        });
    }

    /**
     * The page after the row whose key columns are {@code after} (a JSON object of exactly the
     * entity's key columns, numbers or strings).
     *
     * @throws org.springframework.dao.DataAccessException when the database cannot be read or the query times out
     */
    ViewPage readAfter(EntityDefinition entity, ObjectNode after, int limit) {
        List<String> keys = entity.keyColumns();
        List<String> branches = new ArrayList<>();
        List<JsonNode> values = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            StringBuilder branch = new StringBuilder("(");
            for (int j = 0; j < i; j++) {
                branch.append(keys.get(j)).append(" = ? AND ");
                values.add(after.get(keys.get(j)));
            }
            branch.append(keys.get(i)).append(" > ?)");
            values.add(after.get(keys.get(i)));
            branches.add(branch.toString());
        }
        String sql = "SELECT * FROM " + entity.source() + " WHERE "
                + (entity.filter() == null ? "" : "(" + entity.filter() + ") AND ")
                + "(" + String.join(" OR ", branches) + ")"
                + " ORDER BY " + String.join(", ", keys)
                + " FETCH NEXT ? ROWS ONLY";
        return query(entity, limit, sql, ps -> {
            int i = 1;
            for (JsonNode value : values) {
                if (value.isNumber()) {
                    ps.setBigDecimal(i++, value.decimalValue());
                } else {
                    ps.setString(i++, value.asString());
                }
            }
            ps.setInt(i, limit + 1);
        });
    }

    private ViewPage query(EntityDefinition entity, int limit, String sql, Binder binder) {
        List<ViewRow> rows = jdbc.query((Connection con) -> {
            PreparedStatement ps = con.prepareStatement(sql);
            ps.setFetchSize(Math.min(limit + 1, 1000));
            binder.bind(ps);
            return ps;
        }, rs -> {
            List<ViewRow> list = new ArrayList<>();
            RowConverter converter = null;
            while (rs.next()) {
                if (converter == null) {
                    converter = new RowConverter(rs.getMetaData());
                }
                ObjectNode row = converter.convert(rs);
                ObjectNode key = Json.mapper().createObjectNode();
                for (String column : entity.keyColumns()) {
                    key.set(column, row.get(column));
                }
                list.add(new ViewRow(key, row));
            }
            return list;
        });
        boolean more = rows.size() > limit;
        return new ViewPage(more ? List.copyOf(rows.subList(0, limit)) : List.copyOf(rows), more);
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** One row of a view: its key columns and every column. */
    record ViewRow(ObjectNode key, ObjectNode row) {
    }

    record ViewPage(List<ViewRow> rows, boolean hasMore) {
    }
}
