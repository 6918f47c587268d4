package br.com.cdcplusoft.resilience.infra;

import br.com.cdcplusoft.dev.demo.ConsincoDemoDatabase;
import br.com.cdcplusoft.dev.demo.DemoScale;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The Consinco database: pipeline-core's H2 demo database in Oracle mode, served over TCP by the
 * suite's JVM so that the extractor and the gateway reach it as they would reach Oracle, with a
 * tiny seed (the suite writes its own rows).
 */
public final class Database implements AutoCloseable {

    /** One store, one product, one customer, one sale line: the views are never empty. */
    public static final DemoScale SEED = new DemoScale(1, 1, 1, 1);

    private final ConsincoDemoDatabase db;

    private Database(ConsincoDemoDatabase db) {
        this.db = db;
    }

    public static Database start(Layout layout) {
        try {
            return new Database(ConsincoDemoDatabase.startOrJoin(layout.data("h2"), layout.databasePort(), SEED));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot start the Consinco database: " + e.getMessage(), e);
        }
    }

    public String url() {
        return db.url();
    }

    public Connection connect() throws SQLException {
        return db.connect();
    }

    @Override
    public void close() {
        db.close();
    }
}
