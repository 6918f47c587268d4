package br.com.cdcplusoft.sink.batching;

import br.com.cdcplusoft.sink.converter.BodyWriter;
import br.com.cdcplusoft.sink.converter.Entry;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts one partition's entries, in offset order, into steps. A request holds consecutive entries of
 * one kind, at most {@code maxRecords} and {@code maxBytes} of body. Upserts and deletes are never
 * reordered: a delete between two upserts of a key splits them into three requests sent in turn,
 * which is what keeps the order per key. The cut depends only on the entries, so the same records
 * give the same requests after a restart.
 */
public final class BatchPlanner {

    private final int maxRecords;
    private final long maxBytes;
    private final BodyWriter writer;

    public BatchPlanner(int maxRecords, long maxBytes, BodyWriter writer) {
        this.maxRecords = maxRecords;
        this.maxBytes = maxBytes;
        this.writer = writer;
    }

    public List<Step> plan(List<Entry> entries) {
        List<Step> steps = new ArrayList<>();
        List<Entry> current = new ArrayList<>();
        Step.Kind currentKind = null;
        long currentBytes = 0;
        for (Entry entry : entries) {
            Step.Kind kind = kindOf(entry);
            if (kind == Step.Kind.INVALID || kind == Step.Kind.TOO_LARGE) {
                flush(steps, currentKind, current);
                currentKind = null;
                steps.add(new Step(kind, List.of(entry)));
                continue;
            }
            long added = entry.bodySize() + (current.isEmpty() ? 0 : 1);
            boolean full = current.size() >= maxRecords
                    || (kind != Step.Kind.SKIP && writer.overhead() + currentBytes + added > maxBytes);
            if (kind != currentKind || full) {
                flush(steps, currentKind, current);
                currentKind = kind;
                currentBytes = 0;
                added = entry.bodySize();
            }
            current.add(entry);
            currentBytes += added;
        }
        flush(steps, currentKind, current);
        return steps;
    }

    private Step.Kind kindOf(Entry entry) {
        return switch (entry.kind()) {
            case INVALID -> Step.Kind.INVALID;
            case SKIP -> Step.Kind.SKIP;
            case UPSERT, DELETE -> writer.overhead() + entry.bodySize() > maxBytes ? Step.Kind.TOO_LARGE
                    : entry.kind() == Entry.Kind.UPSERT ? Step.Kind.UPSERT : Step.Kind.DELETE;
        };
    }

    private static void flush(List<Step> steps, Step.Kind kind, List<Entry> current) {
        if (!current.isEmpty()) {
            steps.add(new Step(kind, current));
            current.clear();
        }
    }
}
