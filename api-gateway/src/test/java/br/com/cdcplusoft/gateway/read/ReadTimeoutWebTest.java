package br.com.cdcplusoft.gateway.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import br.com.cdcplusoft.gateway.WebTestConfiguration;
import br.com.cdcplusoft.gateway.config.GatewayProperties;
import br.com.cdcplusoft.gateway.security.SecurityConfiguration;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/**
 * A read that outlasts gateway.reads.query-timeout is cancelled on the database and answered 503
 * problem within the timeout plus a second: the produtos view here is H2 in Oracle mode calling a
 * Java function that takes a minute on the first row.
 */
@WebMvcTest(controllers = EntityReadController.class, properties = {"spring.config.name=api-gateway",
        "gateway.reads.query-timeout=1s", "gateway.rate-limit.requests-per-period=1000"})
@Import({WebTestConfiguration.class, SecurityConfiguration.class, ReadTimeoutWebTest.SlowView.class})
public class ReadTimeoutWebTest {

    /**
     * H2 function of the slow view: on its first row it works for up to a minute, the time a
     * complex ERP view might take, checking every few milliseconds whether the statement was
     * cancelled, as Oracle's executor does (H2 itself checks only every 128 rows).
     */
    public static long slowRow(Connection connection, long id) throws Exception {
        if (id == 1) {
            SessionLocal session = (SessionLocal) ((JdbcConnection) connection).getSession();
            long until = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (System.nanoTime() < until) {
                session.checkCanceled();
                // the database function itself is slow (a view that outlasts the timeout); the test waits on nothing
                LockSupport.parkNanos(5_000_000L);
            }
        }
        return id;
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class SlowView {
        @Bean
        ViewPageReader viewPageReader(GatewayProperties properties) throws Exception {
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL("jdbc:h2:mem:slow-" + UUID.randomUUID() + ";MODE=Oracle;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE ALIAS SLOW_ROW FOR \"" + ReadTimeoutWebTest.class.getName() + ".slowRow\"");
                s.execute("CREATE TABLE PRODUTO_LENTO (SEQPRODUTO NUMBER(15), DESCCOMPLETA VARCHAR2(50))");
                s.execute("INSERT INTO PRODUTO_LENTO SELECT X, 'Produto ' || X FROM SYSTEM_RANGE(1, 200)");
                s.execute("CREATE VIEW VW_PLUSOFT_PRODUTO AS SELECT SEQPRODUTO, DESCCOMPLETA FROM PRODUTO_LENTO "
                        + "WHERE SLOW_ROW(SEQPRODUTO) = SEQPRODUTO");
            }
            return new ViewPageReader((DataSource) ds, properties.reads().queryTimeout());
        }
    }

    @Autowired
    MockMvc mvc;

    @MockitoBean
    PayloadPreview preview;

    @Test
    void aReadOutlastingTheTimeoutIs503WithinTheTimeoutPlusASecond() throws Exception {
        // a first request warms Spring MVC and the database up (filiais has no view here: 503 at once)
        assertThat(mvc.perform(get("/filiais")).andReturn().getResponse().getStatus()).isEqualTo(503);
        long started = System.nanoTime();
        MockHttpServletResponse response = mvc.perform(get("/produtos").param("limite", "10")).andReturn().getResponse();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(503);
        assertThat(response.getContentAsString()).as("took %s", took).contains("Query timeout");
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(1)).isLessThan(Duration.ofSeconds(2));
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(response.getHeader("Retry-After")).isEqualTo("30");
        JsonNode problem = br.com.cdcplusoft.core.json.Json.mapper().readTree(response.getContentAsString());
        assertThat(problem.get("title").asString()).isEqualTo("Query timeout");
        assertThat(problem.get("classificacao").asString()).isEqualTo("DATABASE_TIMEOUT");
        assertThat(problem.get("detail").asString())
                .isEqualTo("the query did not finish within 1 s and was cancelled; ask for a smaller page or follow proximo");
        assertThat(response.getContentAsString()).doesNotContain("SLOW_ROW").doesNotContain("PRODUTO_LENTO");
    }
}
