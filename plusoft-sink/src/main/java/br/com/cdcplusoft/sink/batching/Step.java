package br.com.cdcplusoft.sink.batching;

import br.com.cdcplusoft.sink.converter.Entry;
import java.util.List;

/**
 * One unit of work cut from a partition's records, in record order: a request to send, or records
 * handled without one.
 */
public record Step(Kind kind, List<Entry> entries) {

    public enum Kind {
        /** POST of payloads to the entity's path. */
        UPSERT,
        /** identities to the entity's delete path. */
        DELETE,
        /** tombstones skipped by configuration. */
        SKIP,
        /** one record that is not a JSON object: dead-lettered. */
        INVALID,
        /** one record that alone exceeds plusoft.batch.max-bytes: dead-lettered. */
        TOO_LARGE
    }

    public Step {
        entries = List.copyOf(entries);
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("a step has at least one entry");
        }
    }

    public Entry first() {
        return entries.get(0);
    }

    public Entry last() {
        return entries.get(entries.size() - 1);
    }

    public int size() {
        return entries.size();
    }

    public boolean isRequest() {
        return kind == Kind.UPSERT || kind == Kind.DELETE;
    }

    /** A step over a sub-list of this one's entries (bisection). */
    public Step slice(int from, int to) {
        return new Step(kind, entries.subList(from, to));
    }

    @Override
    public String toString() {
        return kind + "[" + first().coordinates() + ".." + last().record().offset() + ", " + size() + " records]";
    }
}
