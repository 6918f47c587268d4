package br.com.cdcplusoft.dev.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import org.h2.tools.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded Consinco demo database: H2 in Oracle mode, a file under the data folder, served on
 * TCP (127.0.0.1 only) so that any JDBC client can change rows while the pipeline runs. The schema
 * is the shipped Oracle DDL; it is created and seeded on first start only.
 */
public final class ConsincoDemoDatabase implements AutoCloseable {

    public static final int DEFAULT_PORT = 9095;
    public static final String USER = "consinco";
    public static final String PASSWORD = "consinco";
    /** Oracle semantics H2 needs beyond MODE=Oracle: NULLs sort last, as Oracle's do. */
    public static final String URL_OPTIONS = ";MODE=Oracle;DEFAULT_NULL_ORDERING=HIGH";

    private static final Logger log = LoggerFactory.getLogger(ConsincoDemoDatabase.class);

    private final Server server;
    private final String url;

    private ConsincoDemoDatabase(Server server, String url) {
        this.server = server;
        this.url = url;
    }

    /**
     * Serves {@code <dataDir>/consinco} on {@code port}, or joins the demo database another process
     * of this pipeline already serves there; seeds it when it has no tables yet.
     */
    public static ConsincoDemoDatabase startOrJoin(Path dataDir, int port, DemoScale scale) throws SQLException {
        Server server = null;
        try {
            Files.createDirectories(dataDir);
            server = Server.createTcpServer("-tcpPort", Integer.toString(port), "-baseDir", dataDir.toAbsolutePath().toString(),
                    "-ifNotExists").start();
            log.info("Consinco demo database served on 127.0.0.1:{} (files under {})", port, dataDir.toAbsolutePath());
        } catch (SQLException e) {
            log.info("Port {} is taken: joining the Consinco demo database already served there", port);
        } catch (java.io.IOException e) {
            throw new SQLException("cannot create the data folder " + dataDir.toAbsolutePath(), e);
        }
        ConsincoDemoDatabase db = new ConsincoDemoDatabase(server, tcpUrl(port));
        db.createAndSeedIfEmpty(scale);
        return db;
    }

    /** A private in-memory database with the same schema and seed, for tests. */
    public static ConsincoDemoDatabase inMemory(String name, DemoScale scale) throws SQLException {
        ConsincoDemoDatabase db = new ConsincoDemoDatabase(null, "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1" + URL_OPTIONS);
        db.createAndSeedIfEmpty(scale);
        return db;
    }

    public static String tcpUrl(int port) {
        return "jdbc:h2:tcp://127.0.0.1:" + port + "/consinco" + URL_OPTIONS;
    }

    public String url() {
        return url;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, USER, PASSWORD);
    }

    private void createAndSeedIfEmpty(DemoScale scale) throws SQLException {
        try (Connection c = connect()) {
            if (hasSchema(c)) {
                return;
            }
            long start = System.nanoTime();
            for (String script : SqlScripts.CONSINCO_SCHEMA) {
                SqlScripts.run(c, script);
            }
            if (scale != null) {
                new DemoDataGenerator(20240715L, LocalDateTime.now()).generate(c, scale);
            }
            log.info("Consinco demo database created and seeded ({} filiais, {} produtos, {} clientes, {} venda items) in {} ms",
                    scale == null ? 0 : scale.filiais(), scale == null ? 0 : scale.produtos(),
                    scale == null ? 0 : scale.clientes(), scale == null ? 0 : scale.vendaItems(),
                    (System.nanoTime() - start) / 1_000_000);
        }
    }

    private static boolean hasSchema(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'MAX_EMPRESA'")) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop();
        }
    }
}
