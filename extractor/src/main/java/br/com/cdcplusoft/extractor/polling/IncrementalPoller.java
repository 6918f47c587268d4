package br.com.cdcplusoft.extractor.polling;

import br.com.cdcplusoft.core.catalog.EntityDefinition;
import br.com.cdcplusoft.source.jdbc.SourceReader;
import br.com.cdcplusoft.source.jdbc.SourceRow;
import br.com.cdcplusoft.source.publish.ChangePublisher;
import br.com.cdcplusoft.source.snapshot.SnapshotAlreadyRunningException;
import br.com.cdcplusoft.source.snapshot.SnapshotService;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one entity for rows whose cursor advanced.
 *
 * <p>Each poll reads, in (cursor, key) order and in bounded chunks, every row after the stored
 * (cursor, key); every {@code look-back-sweep-every} a sweep also re-reads the last {@code look-back}
 * behind it, to catch rows committed late with an older cursor value (or, for date-only stamps, a
 * value at midnight), a slice of it per poll so that it never holds back new changes.
 * Rows already emitted with the same cursor value and the same content are skipped, so re-reading
 * costs no duplicates; a row stamped after the database's present (a clock error) is sent, but the
 * stored cursor stops at the present, so it cannot freeze polling until that date; a row changed again within the cursor's resolution (Oracle DATE: one second)
 * has the same cursor but other content, and is emitted again. The cursor is stored after each
 * chunk, and rows are remembered as emitted, only after Kafka acknowledged every row of that chunk
 * (this poller's own sends: other pollers' failures are theirs): a failed send is read and sent
 * again by the next poll, and a backlog of any size is held one chunk at a time.
 *
 * <p>An entity without a cursor column is re-read whole as a snapshot run each interval: the mapper
 * drops unchanged rows and the run's end marker lets it delete rows that disappeared.
 */
final class IncrementalPoller {

    private static final Logger log = LoggerFactory.getLogger(IncrementalPoller.class);
    private static final LocalDateTime FLOOR = LocalDateTime.of(1900, 1, 1, 0, 0);
    /**
     * At most this many rows remembered as emitted (about 200 bytes each). A mass update stamping a
     * million rows within the look-back would otherwise keep them all; past the bound the older ones
     * are forgotten, and a sweep may send them again, which the mapper drops as unchanged.
     */
    static final int MAX_REMEMBERED = 50_000;

    private final EntityDefinition entity;
    private final SourceReader reader;
    private final ChangePublisher publisher;
    private final SnapshotService snapshots;
    private final CursorStore cursors;
    private final Duration sweepEvery;
    private final boolean initialSnapshot;
    private final Clock clock;
    /** key JSON -> cursor value and content of rows emitted inside the look-back window. */
    private final Map<String, Emitted> emitted = new HashMap<>();
    private CursorPosition position;
    private Instant lastSweep;
    /** The look-back sweep in progress, or null. */
    private Sweep sweep;

    IncrementalPoller(EntityDefinition entity, SourceReader reader, ChangePublisher publisher, SnapshotService snapshots,
                      CursorStore cursors, CursorPosition stored, Duration sweepEvery, boolean initialSnapshot, Clock clock) {
        this.entity = entity;
        this.reader = reader;
        this.publisher = publisher;
        this.snapshots = snapshots;
        this.cursors = cursors;
        this.position = stored;
        this.sweepEvery = sweepEvery;
        this.initialSnapshot = initialSnapshot;
        this.clock = clock;
        this.lastSweep = clock.instant();
    }

    EntityDefinition entity() {
        return entity;
    }

    /** One poll; returns the number of rows published. */
    synchronized long poll() throws SQLException {
        if (!entity.hasCursor()) {
            try {
                return snapshots.runNow(entity.name(), false, "poll");
            } catch (SnapshotAlreadyRunningException e) {
                return 0;
            }
        }
        if (position == null) {
            return start();
        }
        Instant now = clock.instant();
        // a stamp in the future (a clock error, 2099-01-01) must not carry the cursor past the present
        LocalDateTime present = reader.databaseNow();
        long published = 0;
        // a plain poll resumes strictly after the last emitted (cursor, key) and reads to the newest row,
        // one chunk at a time: each chunk is acknowledged and its cursor stored before the next is read,
        // so a backlog of any size takes one chunk of memory and a failure loses no acknowledged chunk
        List<SourceRow> chunk = reader.cursorChunk(entity, position.cursor(), position.key());
        while (true) {
            Batch batch = new Batch(present, true);
            chunk.forEach(batch::offer);
            published += batch.commit();
            if (chunk.size() < entity.chunkSize()) {
                break;
            }
            SourceRow last = chunk.get(chunk.size() - 1);
            chunk = reader.cursorChunk(entity, last.cursor(), last.key());
        }
        if (sweep == null && !now.isBefore(lastSweep.plus(sweepEvery))) {
            sweep = new Sweep(max(FLOOR, position.cursor().minus(entity.lookBack())), null, position.cursor());
            lastSweep = now;
        }
        if (sweep != null) {
            Batch batch = new Batch(present, false);
            advanceSweep(batch, now.plus(entity.pollInterval().dividedBy(4)));
            published += batch.commit();
        }
        return published;
    }

    /**
     * Re-reads the look-back window chunk by chunk, for at most a quarter of the poll interval per
     * poll, so a large window (many changes in the last minutes) delays no change by more than that:
     * the sweep resumes at the next poll where it stopped. It ends past the cursor it started at;
     * newer rows are the plain polls' own.
     */
    private void advanceSweep(Batch batch, Instant deadline) throws SQLException {
        while (sweep != null) {
            List<SourceRow> chunk = reader.cursorChunk(entity, sweep.cursor(), sweep.key());
            boolean done = chunk.size() < entity.chunkSize();
            for (SourceRow row : chunk) {
                if (row.cursor().isAfter(sweep.end())) {
                    done = true;
                    break;
                }
                batch.offer(row);
                sweep = new Sweep(row.cursor(), row.key(), sweep.end());
            }
            if (done) {
                sweep = null;
            } else if (!clock.instant().isBefore(deadline)) {
                return;
            }
        }
    }

    /** Where an unfinished look-back sweep resumes, and the cursor it ends at. */
    private record Sweep(LocalDateTime cursor, tools.jackson.databind.node.ObjectNode key, LocalDateTime end) {
    }

    /**
     * The rows of one chunk (or one sweep slice): each new version once, then one flush of this
     * batch's own sends before anything is remembered.
     */
    private final class Batch {
        private final ChangePublisher.Sends sends = publisher.sends();
        private final LocalDateTime present;
        /** A chunk of a plain poll: read in (cursor, key) order strictly after the position, so its newest row is ahead of it. */
        private final boolean plain;
        private final Map<String, Emitted> sent = new HashMap<>();
        private SourceRow newest;

        Batch(LocalDateTime present, boolean plain) {
            this.present = present;
            this.plain = plain;
        }

        void offer(SourceRow row) {
            String key = row.key().toString();
            Emitted version = Emitted.of(row);
            if (version.equals(emitted.get(key)) || version.equals(sent.get(key))) {
                return;
            }
            sends.publishChange(entity, row);
            sent.put(key, version);
            if (row.cursor().isAfter(present)) {
                // the key is a source id (SEQPRODUTO, SEQPESSOA), never personal data
                log.warn("Entity {}: row {} has a change stamp {} after the database's present {}: published, cursor held at the present",
                        entity.name(), key, row.cursor(), present);
            }
            if (newest == null || !row.cursor().isBefore(newest.cursor())) {
                newest = row;
            }
        }

        long commit() {
            if (sent.isEmpty()) {
                return 0;
            }
            // throws when a send of this batch failed: nothing is remembered as emitted, the next poll sends it all again
            sends.flush();
            emitted.putAll(sent);
            CursorPosition next = newest.cursor().isAfter(present) ? new CursorPosition(present, null)
                    : new CursorPosition(newest.cursor(), newest.key());
            // a mass update stamps many rows with one value: within it, the key moves the position on
            boolean advances = next.cursor().isAfter(position.cursor())
                    || plain && next.cursor().equals(position.cursor()) && !next.equals(position);
            if (advances) {
                position = next;
                cursors.save(entity.name(), position);
            }
            LocalDateTime horizon = position.cursor().minus(entity.lookBack());
            emitted.values().removeIf(e -> e.cursor().isBefore(horizon));
            if (emitted.size() > MAX_REMEMBERED) {
                emitted.clear();
                emitted.putAll(sent);
            }
            log.debug("Entity {}: {} changed rows published, cursor at {}", entity.name(), sent.size(), position.cursor());
            return sent.size();
        }
    }

    /** No stored cursor: snapshot the whole view, then poll from where the source stood before it. */
    private long start() throws SQLException {
        LocalDateTime newest = reader.maxCursor(entity);
        LocalDateTime present = reader.databaseNow();
        // a stamp in the future is sent by the snapshot, but polling starts from the present
        LocalDateTime before = newest == null || !newest.isAfter(present) ? newest : present;
        long published = 0;
        if (initialSnapshot) {
            try {
                LocalDateTime horizon = before == null ? FLOOR : before.minus(entity.lookBack());
                // remember what the snapshot sent inside the look-back window, so the first sweep does not resend it
                published = snapshots.runNow(entity.name(), false, "initial", row -> {
                    if (row.cursor() != null && !row.cursor().isBefore(horizon)) {
                        emitted.put(row.key().toString(), Emitted.of(row));
                    }
                });
            } catch (SnapshotAlreadyRunningException e) {
                return 0;
            }
        }
        // rows changed while the snapshot ran have a cursor >= before: the next polls publish them
        position = initialSnapshot && before != null
                ? new CursorPosition(before, before.equals(newest) ? lastKeyAt(before) : null)
                : new CursorPosition(FLOOR, null);
        cursors.save(entity.name(), position);
        return published;
    }

    /** The greatest key among rows whose cursor equals {@code cursor}: the snapshot published them all. */
    private tools.jackson.databind.node.ObjectNode lastKeyAt(LocalDateTime cursor) throws SQLException {
        tools.jackson.databind.node.ObjectNode last = null;
        List<SourceRow> chunk = reader.cursorChunk(entity, cursor, null);
        while (!chunk.isEmpty()) {
            for (SourceRow row : chunk) {
                if (!row.cursor().equals(cursor)) {
                    return last;
                }
                last = row.key();
            }
            if (chunk.size() < entity.chunkSize()) {
                break;
            }
            chunk = reader.cursorChunk(entity, cursor, last);
        }
        return last;
    }

    private static LocalDateTime max(LocalDateTime a, LocalDateTime b) {
        return a.isAfter(b) ? a : b;
    }

    /**
     * A row as emitted: its cursor value and a 64-bit fingerprint of its columns (FNV-1a over the
     * row's JSON bytes, as the reader wrote them for the envelope). Two changes within one second share
     * the cursor value, not the fingerprint.
     */
    record Emitted(LocalDateTime cursor, long fingerprint) {
        static Emitted of(SourceRow row) {
            byte[] json = row.json();
            long h = 0xcbf29ce484222325L;
            for (byte b : json) {
                h ^= b & 0xff;
                h *= 0x100000001b3L;
            }
            return new Emitted(row.cursor(), h);
        }
    }
}
