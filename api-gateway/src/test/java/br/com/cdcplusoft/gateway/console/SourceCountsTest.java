package br.com.cdcplusoft.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.cdcplusoft.boot.PipelineProperties;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Test;

/** The console's counts against a real H2 (Oracle mode), on a pool of one connection like the re-syncs'. */
class SourceCountsTest {

    @Test
    void theCountTimeoutDoesNotStayOnThePooledConnection() throws Exception {
        JdbcConnectionPool pool = JdbcConnectionPool.create("jdbc:h2:mem:counts;MODE=Oracle;DB_CLOSE_DELAY=-1", "sa", "");
        pool.setMaxConnections(1);
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE VW_PLUSOFT_FILIAL (NROEMPRESA NUMBER(4))");
            s.execute("INSERT INTO VW_PLUSOFT_FILIAL VALUES (1)");
        }
        SourceCounts counts = new SourceCounts(pool, PipelineProperties.defaults().catalog().all(), Duration.ofSeconds(15),
                Clock.systemUTC());

        counts.refresh();

        assertThat(counts.erpClock()).isNotNull();
        // H2 sets a statement's timeout on its session: a snapshot reading on this connection next would inherit it
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            assertThat(s.getQueryTimeout()).isZero();
        } finally {
            pool.dispose();
        }
    }
}
