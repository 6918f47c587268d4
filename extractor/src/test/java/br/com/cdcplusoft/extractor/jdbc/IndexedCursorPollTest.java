package br.com.cdcplusoft.source.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.cdcplusoft.core.catalog.EntityDefinition;
import br.com.cdcplusoft.dev.demo.ConsincoDemoDatabase;
import br.com.cdcplusoft.dev.demo.DemoScale;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * Polls of vendas through {@code cursor-index-columns} (a UNION ALL of one indexed branch per
 * column) must return exactly the rows, in exactly the order, of polls on the computed cursor
 * column itself, chunk after chunk, including rows whose cursor comes from a later cancellation.
 */
class IndexedCursorPollTest {

    private static ConsincoDemoDatabase db;
    private static SourceReader reader;
    private static LocalDateTime now;

    @BeforeAll
    static void database() throws Exception {
        db = ConsincoDemoDatabase.inMemory("indexed-poll-" + UUID.randomUUID(), new DemoScale(3, 80, 60, 3000));
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(db.url());
        ds.setUser(ConsincoDemoDatabase.USER);
        ds.setPassword(ConsincoDemoDatabase.PASSWORD);
        reader = new SourceReader(ds);
        now = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        try (Connection c = db.connect()) {
            // old coupons cancelled just now: only DTACANCELAMENTO brings them into a recent poll
            try (PreparedStatement ps = c.prepareStatement("UPDATE MFL_DOCTOFISCAL SET STATUSDF = 'C', DTACANCELAMENTO = ?"
                    + " WHERE SEQNF IN (SELECT SEQNF FROM MFL_DOCTOFISCAL ORDER BY DTAHOREMISSAO FETCH FIRST 5 ROWS ONLY)")) {
                ps.setTimestamp(1, Timestamp.valueOf(now));
                assertThat(ps.executeUpdate()).isEqualTo(5);
            }
        }
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 10, 60 * 24 * 7, 60 * 24 * 90})
    void indexedBranchesReadTheSameRowsInTheSameOrderAsTheComputedCursor(int minutesBack) throws Exception {
        LocalDateTime from = now.minusMinutes(minutesBack);
        List<String> plain = readAll(vendas(List.of(), 7), from);
        List<String> indexed = readAll(vendas(List.of("DTAHOREMISSAO", "DTACANCELAMENTO"), 7), from);
        assertThat(indexed).isEqualTo(plain);
        if (minutesBack == 0) {
            // the cancellations of old coupons, and nothing else, are at or after now
            assertThat(indexed).isNotEmpty().allSatisfy(row -> assertThat(row).startsWith(now.toString()));
        }
        if (minutesBack == 60 * 24 * 90) {
            assertThat(indexed).hasSize(3000);
        }
    }

    /** Every row at or after {@code from}, chunk after chunk, as "cursor key". */
    private static List<String> readAll(EntityDefinition entity, LocalDateTime from) throws Exception {
        List<String> out = new ArrayList<>();
        LocalDateTime cursor = from;
        ObjectNode after = null;
        List<SourceRow> chunk;
        do {
            chunk = reader.cursorChunk(entity, cursor, after);
            for (SourceRow row : chunk) {
                out.add(row.cursor() + " " + row.key());
            }
            if (!chunk.isEmpty()) {
                cursor = chunk.get(chunk.size() - 1).cursor();
                after = chunk.get(chunk.size() - 1).key();
            }
        } while (chunk.size() == entity.chunkSize());
        return out;
    }

    private static EntityDefinition vendas(List<String> indexColumns, int chunkSize) {
        return new EntityDefinition("vendas", "VW_PLUSOFT_VENDA", List.of("SEQNF", "SEQPRODUTO"), "DTAHORALTERACAO",
                Duration.ofMinutes(10), chunkSize, Duration.ofSeconds(1), 6, false, null, indexColumns);
    }
}
