package br.com.cdcplusoft.source.jdbc;

import br.com.cdcplusoft.core.catalog.EntityCatalog;
import br.com.cdcplusoft.core.catalog.EntityDefinition;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Checks the entity catalog against the database's own metadata before anything is read, so a
 * misspelt view or column stops start-up with a message naming the entity and the column.
 */
public final class SourceSchemaValidator {

    private final DataSource dataSource;

    public SourceSchemaValidator(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @throws IllegalStateException listing every problem found, one per line */
    public void validate(EntityCatalog catalog) {
        List<String> problems = new ArrayList<>();
        for (EntityDefinition entity : catalog.all()) {
            problems.addAll(problems(entity));
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the entity catalog does not match the database:\n  " + String.join("\n  ", problems));
        }
    }

    List<String> problems(EntityDefinition entity) {
        Set<String> columns;
        List<String> problems = new ArrayList<>();
        try {
            columns = columnsOf(entity.source());
        } catch (SQLException e) {
            return List.of("entity '" + entity.name() + "': source " + entity.source() + " cannot be read: " + e.getMessage());
        }
        for (String key : entity.keyColumns()) {
            if (!columns.contains(key)) {
                problems.add("entity '" + entity.name() + "': key column '" + key + "' is not a column of " + entity.source()
                        + " (columns: " + String.join(", ", columns) + ")");
            }
        }
        if (entity.hasCursor() && !columns.contains(entity.cursorColumn())) {
            problems.add("entity '" + entity.name() + "': cursor column '" + entity.cursorColumn() + "' is not a column of "
                    + entity.source() + " (columns: " + String.join(", ", columns) + ")");
        }
        for (String column : entity.cursorIndexColumns()) {
            if (!columns.contains(column)) {
                problems.add("entity '" + entity.name() + "': cursor index column '" + column + "' is not a column of "
                        + entity.source() + " (columns: " + String.join(", ", columns) + ")");
            }
        }
        return problems;
    }

    Set<String> columnsOf(String source) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM " + source + " WHERE 1 = 0")) {
            ResultSetMetaData md = rs.getMetaData();
            Set<String> columns = new LinkedHashSet<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                columns.add(md.getColumnLabel(i).toUpperCase(java.util.Locale.ROOT));
            }
            return columns;
        }
    }

    static boolean isTemporal(int sqlType) {
        return sqlType == Types.DATE || sqlType == Types.TIMESTAMP || sqlType == Types.TIMESTAMP_WITH_TIMEZONE;
    }
}
