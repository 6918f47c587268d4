package br.com.cdcplusoft.gateway.console;

import br.com.cdcplusoft.core.catalog.EntityDefinition;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rows of each entity's source view (with its filter, as the extractor reads it) and the
 * newest change cursor there, counted in one query per entity with a query timeout and kept until
 * the next count: a COUNT is a scan of an ERP view, so it runs every {@code gateway.console.count-every},
 * never per page view. Table and column names come from the validated catalog.
 */
final class SourceCounts {

    private static final Logger log = LoggerFactory.getLogger(SourceCounts.class);

    private final DataSource dataSource;
    private final List<EntityDefinition> entities;
    private final Duration timeout;
    private final Clock clock;
    private final Map<String, Count> counts = new ConcurrentHashMap<>();
    private volatile ErpClock erpClock;

    SourceCounts(DataSource dataSource, List<EntityDefinition> entities, Duration timeout, Clock clock) {
        this.dataSource = dataSource;
        this.entities = List.copyOf(entities);
        this.timeout = timeout;
        this.clock = clock;
    }

    /**
     * @param rows      rows of the view
     * @param maxCursor the newest change cursor in the view (local time of the ERP), null without a cursor column or rows
     * @param at        when they were counted
     */
    record Count(long rows, LocalDateTime maxCursor, Instant at) {
    }

    Map<String, Count> latest() {
        return Map.copyOf(counts);
    }

    /**
     * The ERP's wall clock when last counted (its SYSDATE) and the gateway's instant then: cursors
     * are the ERP's local times, so their age is measured on that clock, whatever zone the database
     * (or a demo database on a UTC machine) runs in. Null until read.
     */
    record ErpClock(LocalDateTime sysdate, Instant at) {
        LocalDateTime at(Instant now) {
            return sysdate.plus(Duration.between(at, now));
        }
    }

    ErpClock erpClock() {
        return erpClock;
    }

    /** Counts every entity; one that fails keeps its previous count and is named in the returned warnings. */
    List<String> refresh() {
        List<String> failed = new java.util.ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
            try (ResultSet rs = s.executeQuery("SELECT SYSDATE FROM DUAL")) {
                rs.next();
                erpClock = new ErpClock(rs.getTimestamp(1).toLocalDateTime(), clock.instant());
            } finally {
                clearTimeout(s);
            }
        } catch (SQLException | RuntimeException e) {
            log.warn("Reading the database clock failed: {}", e.getClass().getSimpleName());
        }
        for (EntityDefinition entity : entities) {
            try {
                counts.put(entity.name(), count(entity));
            } catch (SQLException | RuntimeException e) {
                // the SQL error may quote row values: its class only
                log.warn("Counting the rows of {} failed: {}", entity.source(), e.getClass().getSimpleName());
                failed.add("não foi possível contar as linhas de " + entity.source() + " (" + e.getClass().getSimpleName() + ")");
            }
        }
        return failed;
    }

    static String sql(EntityDefinition entity) {
        String select = entity.hasCursor() ? "SELECT COUNT(*), MAX(" + entity.cursorColumn() + ") FROM " : "SELECT COUNT(*) FROM ";
        return select + entity.source() + (entity.filter() == null ? "" : " WHERE (" + entity.filter() + ")");
    }

    private Count count(EntityDefinition entity) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
            try (ResultSet rs = s.executeQuery(sql(entity))) {
                rs.next();
                long rows = rs.getLong(1);
                Timestamp max = entity.hasCursor() ? rs.getTimestamp(2) : null;
                return new Count(rows, max == null ? null : max.toLocalDateTime(), clock.instant());
            } finally {
                clearTimeout(s);
            }
        }
    }

    /**
     * H2 keeps a statement's query timeout on its connection (its {@code setQueryTimeout} sets the
     * session's), and the connection goes back to the pool the re-syncs read from: without this, a
     * snapshot's first query on it was cancelled after the count timeout (seen in the benchmark at 1M
     * rows). Other drivers keep the timeout per statement, where this is harmless.
     */
    private static void clearTimeout(Statement s) throws SQLException {
        s.setQueryTimeout(0);
    }
}
