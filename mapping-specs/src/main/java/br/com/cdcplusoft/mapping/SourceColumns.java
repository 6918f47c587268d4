package br.com.cdcplusoft.mapping;

import java.sql.DriverManager;
import java.util.Collection;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Where the start-up check learns the columns of the source views: the database when it can be
 * reached, otherwise nothing (and each spec's declared {@code columns} are used instead).
 */
@FunctionalInterface
public interface SourceColumns {

    /**
     * @return for each view that could be read, its column names (upper case, as Oracle reports
     *         them); views that cannot be read are left out, and an unreachable database gives an empty map
     */
    Map<String, Set<String>> read(Collection<String> views);

    /** No database: specs are checked against their declared columns. */
    static SourceColumns none() {
        return views -> Map.of();
    }

    static SourceColumns of(DataSource dataSource) {
        return new JdbcSourceColumns(dataSource::getConnection);
    }

    /** Opens one short-lived connection for the check (no pool: the mapper never queries afterwards). */
    static SourceColumns of(String url, String user, String password) {
        return new JdbcSourceColumns(() -> {
            Properties props = new Properties();
            if (user != null) {
                props.setProperty("user", user);
            }
            if (password != null) {
                props.setProperty("password", password);
            }
            if (url.startsWith("jdbc:oracle:")) {
                // fail fast when the database is down: the check then falls back to declared columns
                props.setProperty("oracle.net.CONNECT_TIMEOUT", "5000");
                props.setProperty("oracle.jdbc.ReadTimeout", "10000");
            }
            return DriverManager.getConnection(url, props);
        });
    }
}
