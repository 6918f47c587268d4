package br.com.cdcplusoft.bench.infra;

import br.com.cdcplusoft.bench.Console;
import br.com.cdcplusoft.bench.data.VendasGenerator;
import br.com.cdcplusoft.dev.demo.DemoScale;
import br.com.cdcplusoft.dev.harness.Services;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The machine's PostgreSQL (started by .ci/postgres.sh, which run.sh calls) holding the Consinco
 * tables in the schema {@code consinco} of the benchmark's database.
 *
 * <p>Oracle's DATE carries a time to the second; PostgreSQL's does not, so the extractor's
 * {@code CAST(? AS DATE)} would cut every cursor to midnight. The schema therefore has a domain
 * {@code date} over {@code TIMESTAMP(0)}, and the connections search that schema before
 * {@code pg_catalog}: every {@code DATE} in the pipeline's SQL gets Oracle's meaning, as it has in
 * H2's Oracle mode. (Without it, incremental polling on PostgreSQL re-reads the whole day on every
 * poll and re-publishes the day's rows once they leave the look-back window.) For the same reason the
 * schema has a view {@code dual} with a column {@code sysdate}: the extractor asks Oracle's
 * {@code SELECT SYSDATE FROM DUAL} for the database's present.
 */
public final class PostgresSource implements SourceDatabase {

    private static final String SCHEMA = "consinco";

    private final String baseUrl;
    private final String user;
    private final String password;

    private PostgresSource(String baseUrl, String user, String password) {
        this.baseUrl = baseUrl;
        this.user = user;
        this.password = password;
    }

    /**
     * @param baseUrl e.g. {@code jdbc:postgresql://127.0.0.1:5432/cdc_bench}
     * @param fresh   drop what an earlier run left in the schema
     */
    public static PostgresSource open(String baseUrl, String user, String password, boolean fresh) throws SQLException {
        try (Connection c = DriverManager.getConnection(baseUrl, user, password); Statement s = c.createStatement()) {
            if (fresh) {
                s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            }
            s.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
                    + " WHERE n.nspname = '" + SCHEMA + "' AND t.typname = 'date'")) {
                if (!rs.next()) {
                    s.execute("CREATE DOMAIN " + SCHEMA + ".date AS timestamp(0)");
                }
            }
            // Oracle's SELECT SYSDATE FROM DUAL (the extractor's clock for future stamps): a view whose column is the present
            s.execute("CREATE OR REPLACE VIEW " + SCHEMA + ".dual AS SELECT LOCALTIMESTAMP(0) AS sysdate, CAST('X' AS varchar(1)) AS dummy");
        }
        return new PostgresSource(baseUrl, user, password);
    }

    @Override
    public String label() {
        try (Connection c = connect()) {
            return "PostgreSQL " + c.getMetaData().getDatabaseProductVersion() + " (schema " + SCHEMA + ", local server)";
        } catch (SQLException e) {
            return "PostgreSQL";
        }
    }

    @Override
    public String url() {
        return baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA + ",pg_catalog&reWriteBatchedInserts=true";
    }

    @Override
    public String user() {
        return user;
    }

    @Override
    public String password() {
        return password;
    }

    @Override
    public VendasGenerator.State grow(long rows, DemoScale scale) throws SQLException {
        try (Connection c = connect()) {
            VendasGenerator.State state = VendasGenerator.grow(c, VendasGenerator.Dialect.POSTGRES, rows, scale,
                    msg -> Console.say("data", msg));
            try (Statement s = c.createStatement()) {
                s.execute("ANALYZE");
            }
            Console.say("data", String.format("PostgreSQL holds %,d vendas rows (%,d inserted)", state.rows(), state.insertedRows()));
            return state;
        }
    }

    @Override
    public Path driverJar() {
        return Services.Consinco.jarOf(org.postgresql.Driver.class);
    }

    @Override
    public void close() {
        // the server belongs to the machine: leave it running
    }
}
