package br.com.cdcplusoft.sink.converter;

import java.io.ByteArrayOutputStream;
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

    public byte[] write(List<Entry> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE, size(entries)));
        out.writeBytes(open);
        for (int i = 0; i < entries.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(entries.get(i).body());
        }
        out.writeBytes(close);
        return out.toByteArray();
    }
}
