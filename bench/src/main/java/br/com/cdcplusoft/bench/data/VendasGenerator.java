package br.com.cdcplusoft.bench.data;

import br.com.cdcplusoft.dev.demo.DemoDataGenerator;
import br.com.cdcplusoft.dev.demo.DemoScale;
import br.com.cdcplusoft.dev.demo.SqlScripts;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Consumer;

/**
 * Brings the source database to a given number of vendas rows (rows of VW_PLUSOFT_VENDA, one per
 * coupon x product) with the pipeline's own synthetic data generator: schema and the other
 * entities first, then coupons in committed chunks so that the database never holds one huge
 * transaction. Growing keeps what is there, so one database serves 1M, then 2M, then 5M rows.
 *
 * <p>Every chunk uses the same generation instant (kept in BENCH_INFO): sale times stay in the
 * 60 days before it, so rows added later never look newer than the extractor's stored cursor.
 */
public final class VendasGenerator {

    private static final int CHUNK = 50_000;

    /** The DDL of a dialect: the shipped Oracle/H2 scripts, or the bench's PostgreSQL variant. */
    public enum Dialect {
        H2(SqlScripts.CONSINCO_SCHEMA),
        POSTGRES(List.of("db/postgres/01_consinco_tables.sql", "db/postgres/02_plusoft_views.sql"));

        private final List<String> scripts;

        Dialect(List<String> scripts) {
            this.scripts = scripts;
        }
    }

    /** Sizes of the other entities, which vendas rows point at. */
    public record Entities(int filiais, int produtos, int clientes) {
    }

    /** What the database holds after {@link #grow}. */
    public record State(long rows, long nextSeqnf, Entities entities, long insertedRows, double seconds) {
    }

    private VendasGenerator() {
    }

    /**
     * @param target   rows of VW_PLUSOFT_VENDA wanted (never shrinks)
     * @param scale    sizes of the other entities when the schema has to be created
     */
    public static State grow(Connection c, Dialect dialect, long target, DemoScale scale, Consumer<String> progress)
            throws SQLException {
        long start = System.nanoTime();
        c.setAutoCommit(true);
        if (!hasSchema(c)) {
            progress.accept("creating the Consinco schema and " + scale.filiais() + " filiais, " + scale.produtos()
                    + " produtos, " + scale.clientes() + " clientes");
            for (String script : dialect.scripts) {
                SqlScripts.run(c, script);
            }
            LocalDateTime now = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE BENCH_INFO (GENERATED_AT TIMESTAMP NOT NULL)");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO BENCH_INFO (GENERATED_AT) VALUES (?)")) {
                ps.setTimestamp(1, Timestamp.valueOf(now));
                ps.executeUpdate();
            }
            new DemoDataGenerator(20240715L, now).generate(c, new DemoScale(scale.filiais(), scale.produtos(), scale.clientes(), 0));
        }
        LocalDateTime now = generatedAt(c);
        Entities entities = new Entities((int) max(c, "SELECT MAX(NROEMPRESA) FROM MAX_EMPRESA"),
                (int) max(c, "SELECT MAX(SEQPRODUTO) FROM MAP_PRODUTO"), (int) max(c, "SELECT MAX(SEQPESSOA) FROM MRL_CLIENTE"));
        long rows = max(c, "SELECT COUNT(*) FROM MFL_DFITEM");
        long next = max(c, "SELECT MAX(SEQNF) FROM MFL_DOCTOFISCAL") + 1;
        long inserted = 0;
        if (rows < target) {
            c.setAutoCommit(false);
            try {
                long lastReport = System.nanoTime();
                while (rows < target) {
                    int chunk = (int) Math.min(CHUNK, target - rows);
                    next = new DemoDataGenerator(20240715L + next, now)
                            .insertVendas(c, next, chunk, entities.filiais(), entities.produtos(), entities.clientes());
                    c.commit();
                    rows += chunk;
                    inserted += chunk;
                    if (System.nanoTime() - lastReport > 10_000_000_000L || rows == target) {
                        progress.accept(String.format("vendas rows: %,d of %,d", rows, target));
                        lastReport = System.nanoTime();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
        return new State(rows, next, entities, inserted, (System.nanoTime() - start) / 1e9);
    }

    /** Rows VW_PLUSOFT_VENDA returns (one per MFL_DFITEM row: every item has its coupon). */
    public static long rows(Connection c) throws SQLException {
        return max(c, "SELECT COUNT(*) FROM MFL_DFITEM");
    }

    public static Entities entities(Connection c) throws SQLException {
        return new Entities((int) max(c, "SELECT MAX(NROEMPRESA) FROM MAX_EMPRESA"),
                (int) max(c, "SELECT MAX(SEQPRODUTO) FROM MAP_PRODUTO"), (int) max(c, "SELECT MAX(SEQPESSOA) FROM MRL_CLIENTE"));
    }

    public static long nextSeqnf(Connection c) throws SQLException {
        return max(c, "SELECT MAX(SEQNF) FROM MFL_DOCTOFISCAL") + 1;
    }

    static boolean hasSchema(Connection c) throws SQLException {
        try (ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                if ("BENCH_INFO".equalsIgnoreCase(rs.getString("TABLE_NAME"))) {
                    return true;
                }
            }
            return false;
        }
    }

    private static LocalDateTime generatedAt(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT GENERATED_AT FROM BENCH_INFO")) {
            if (!rs.next()) {
                throw new SQLException("BENCH_INFO is empty: drop the benchmark database and start again");
            }
            return rs.getTimestamp(1).toLocalDateTime();
        }
    }

    private static long max(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
