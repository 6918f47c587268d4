package br.com.cdcplusoft.mapping;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads view columns from the result-set metadata of {@code SELECT * FROM view WHERE 1 = 0}. */
final class JdbcSourceColumns implements SourceColumns {

    interface ConnectionFactory {
        Connection open() throws SQLException;
    }

    private static final Logger log = LoggerFactory.getLogger(JdbcSourceColumns.class);

    private final ConnectionFactory connections;

    JdbcSourceColumns(ConnectionFactory connections) {
        this.connections = connections;
    }

    @Override
    public Map<String, Set<String>> read(Collection<String> views) {
        Map<String, Set<String>> columns = new LinkedHashMap<>();
        try (Connection connection = connections.open(); Statement statement = connection.createStatement()) {
            for (String view : views) {
                // view names come from the entity catalog, which accepts SQL identifiers only
                try (ResultSet rs = statement.executeQuery("SELECT * FROM " + view + " WHERE 1 = 0")) {
                    ResultSetMetaData meta = rs.getMetaData();
                    Set<String> names = new LinkedHashSet<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        names.add(meta.getColumnLabel(i).toUpperCase(Locale.ROOT));
                    }
                    columns.put(view, names);
                } catch (SQLException e) {
                    log.warn("Cannot read the columns of {} (SQLState {}): its spec is checked against its declared columns",
                            view, e.getSQLState());
                }
            }
        } catch (SQLException e) {
            log.warn("The Consinco database cannot be reached (SQLState {}, {}): specs are checked against their declared columns",
                    e.getSQLState(), e.getClass().getSimpleName());
        }
        return columns;
    }
}
