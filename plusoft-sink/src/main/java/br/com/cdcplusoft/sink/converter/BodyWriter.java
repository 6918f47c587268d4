package br.com.cdcplusoft.sink.converter;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Writes a request body: a JSON array of the entries' objects, optionally inside {@code {"<wrapper>": [...]}}. */
public final class BodyWriter {

    private final byte[] open;
    private final byte[] close;

    public BodyWriter(String wrapper) {
        this.open = (wrapper == null ? "[" : "{\"" + wrapper + "\":[").getBytes(StandardCharsets.UTF_8);
        this.close = (wrapper == null ? "]" : "]}").getBytes(StandardCharsets.UTF_8);
    }

    /** Bytes a body has besides its entries and the commas between them. */
    public int overhead() {
        return open.length + close.length;
    }

    /** Size of the body holding these entries. */
    public long size(List<Entry> entries) {
        long size = overhead() + Math.max(0, entries.size() - 1);
        for (Entry e : entries) {
            size += e.bodySize();
        }
        return size;
    }

    /** The entries' bytes as they are, copied once into a body of exactly {@link #size} bytes. */
    public byte[] write(List<Entry> entries) {
        byte[] body = new byte[Math.toIntExact(size(entries))];
        System.arraycopy(open, 0, body, 0, open.length);
        int at = open.length;
        for (int i = 0; i < entries.size(); i++) {
            if (i > 0) {
                body[at++] = ',';
            }
            byte[] entry = entries.get(i).body();
            System.arraycopy(entry, 0, body, at, entry.length);
            at += entry.length;
        }
        System.arraycopy(close, 0, body, at, close.length);
        return body;
    }
}
