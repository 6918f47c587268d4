package br.com.cdcplusoft.bench.infra;

import br.com.cdcplusoft.bench.data.VendasGenerator;
import br.com.cdcplusoft.dev.demo.DemoScale;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** The Consinco source the benchmark reads: where it is, and how to grow its vendas. */
public interface SourceDatabase extends AutoCloseable {

    /** e.g. "H2 2.4.240 (TCP, file)" */
    String label();

    String url();

    String user();

    String password();

    /** Brings VW_PLUSOFT_VENDA to {@code rows} rows. */
    VendasGenerator.State grow(long rows, DemoScale scale) throws SQLException;

    /** The JDBC driver's jar: the services' exec jars carry neither H2's nor PostgreSQL's. */
    Path driverJar();

    default Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), user(), password());
    }

    @Override
    void close();
}
