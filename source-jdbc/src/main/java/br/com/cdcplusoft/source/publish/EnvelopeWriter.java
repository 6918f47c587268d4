package br.com.cdcplusoft.source.publish;

import br.com.cdcplusoft.core.envelope.ChangeEvent;
import br.com.cdcplusoft.core.envelope.Op;
import br.com.cdcplusoft.core.envelope.Source;
import br.com.cdcplusoft.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;

/**
 * Writes the change envelope of a source row from the row's JSON bytes, for one kind of send (an
 * entity, an op, a run): everything but the row, the time and the cursor is the same for every row
 * of a run, so it is serialised once, here, and a row costs a few array copies.
 *
 * <p>The bytes are exactly those {@link Json#mapper()} writes for
 * {@code new ChangeEvent(null, row, op, now, new Source("1", "jdbc", "consinco", now, snapshot, null,
 * null, table, entity, cursor, runId, forced))}; {@code EnvelopeBytesTest} compares the two, so a
 * field added to {@link ChangeEvent} or {@link Source} must be added here too. Not thread-safe: one
 * per {@link ChangePublisher.Sends}.
 */
final class EnvelopeWriter {

    private static final byte[] HEAD = ascii("{\"before\":null,\"after\":");
    private static final byte[] SOURCE = ascii(",\"source\":{\"version\":\"1\",\"connector\":" + quoted(Source.JDBC_CONNECTOR)
            + ",\"name\":\"consinco\",\"ts_ms\":");
    private static final byte[] CURSOR = ascii(",\"cursor\":\"");
    private static final byte[] QUOTE = ascii("\"");

    /** {@code ,"op":"r","ts_ms":} */
    private final byte[] op;
    /** {@code ,"snapshot":"true","table":"VIEW","entity":"name"} */
    private final byte[] table;
    /** {@code ,"run_id":"id","forced":true}} or {@code }}} */
    private final byte[] tail;

    private long lastNow = Long.MIN_VALUE;
    private byte[] lastNowDigits;

    /** @param runId null outside a snapshot run; then {@code forced} is left out too */
    EnvelopeWriter(Op op, String snapshot, String table, String entity, String runId, boolean forced) {
        this.op = utf8(",\"op\":" + quoted(op) + ",\"ts_ms\":");
        this.table = utf8(",\"snapshot\":" + quoted(snapshot) + ",\"table\":" + quoted(table) + ",\"entity\":" + quoted(entity));
        this.tail = utf8((runId == null ? "" : ",\"run_id\":" + quoted(runId) + ",\"forced\":" + forced) + "}}");
    }

    /**
     * @param row    the row as a JSON object ({@code after})
     * @param now    the envelope's and the source block's {@code ts_ms}
     * @param cursor the source block's {@code cursor}, left out when null
     */
    byte[] write(byte[] row, long now, LocalDateTime cursor) {
        if (now != lastNow) {
            lastNowDigits = ascii(Long.toString(now));
            lastNow = now;
        }
        byte[] time = lastNowDigits;
        // LocalDateTime.toString() is digits, '-', ':', 'T' and '.': nothing to escape
        byte[] cursorText = cursor == null ? null : ascii(cursor.toString());
        int length = HEAD.length + row.length + op.length + time.length + SOURCE.length + time.length + table.length
                + (cursorText == null ? 0 : CURSOR.length + cursorText.length + QUOTE.length) + tail.length;
        byte[] out = new byte[length];
        int at = put(out, 0, HEAD);
        at = put(out, at, row);
        at = put(out, at, op);
        at = put(out, at, time);
        at = put(out, at, SOURCE);
        at = put(out, at, time);
        at = put(out, at, table);
        if (cursorText != null) {
            at = put(out, at, CURSOR);
            at = put(out, at, cursorText);
            at = put(out, at, QUOTE);
        }
        put(out, at, tail);
        return out;
    }

    private static int put(byte[] out, int at, byte[] part) {
        System.arraycopy(part, 0, out, at, part.length);
        return at + part.length;
    }

    /** As the pipeline's JSON writes the value: quoted and escaped. */
    private static String quoted(Object value) {
        return Json.mapper().writeValueAsString(value);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
