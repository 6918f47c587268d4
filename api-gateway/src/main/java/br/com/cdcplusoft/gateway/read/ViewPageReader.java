package br.com.cdcplusoft.gateway.read;

import br.com.cdcplusoft.core.catalog.EntityDefinition;
import br.com.cdcplusoft.core.json.Json;
import br.com.cdcplusoft.source.jdbc.RowConverter;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads one page of an entity's integration view in key order: a stable order, so that
 * {@code pular}/{@code limite} pages neither repeat nor skip rows while the view is unchanged.
 *
 * <p>The SQL is {@code ORDER BY <keys> OFFSET ? ROWS FETCH NEXT ? ROWS ONLY}, accepted by Oracle
 * 12c+ and by H2 in Oracle mode. The view, filter and key columns come from the entity catalog
 * (validated identifiers); the caller's values are bind parameters only. One row more than asked
 * is fetched to tell whether another page follows, without a {@code COUNT(*)} over a large view.
 */
final class ViewPageReader {

    private final JdbcTemplate jdbc;

    ViewPageReader(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** @throws org.springframework.dao.DataAccessException when the database cannot be read */
    ViewPage read(EntityDefinition entity, long skip, int limit) {
        String sql = "SELECT * FROM " + entity.source()
                + (entity.filter() == null ? "" : " WHERE (" + entity.filter() + ")")
                + " ORDER BY " + String.join(", ", entity.keyColumns())
                + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";
        List<ViewRow> rows = jdbc.query(con -> {
            var ps = con.prepareStatement(sql);
            ps.setFetchSize(Math.min(limit + 1, 1000));
            ps.setLong(1, skip);
            ps.setInt(2, limit + 1);
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

    /** One row of a view: its key columns and every column. */
    record ViewRow(ObjectNode key, ObjectNode row) {
    }

    record ViewPage(List<ViewRow> rows, boolean hasMore) {
    }
}
