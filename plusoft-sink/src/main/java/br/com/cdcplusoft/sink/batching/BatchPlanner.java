package br.com.cdcplusoft.sink.batching;

import br.com.cdcplusoft.sink.converter.BodyWriter;
import br.com.cdcplusoft.sink.converter.Entry;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts one partition's entries, in offset order, into steps. A request holds consecutive entries of
 * one kind, at most {@code maxRecords} and {@code maxBytes} of body. Upserts and deletes are never
 * reordered: a delete between two upserts of a key splits them into three requests sent in turn,
 * which is what keeps the order per key. The cut depends only on the entries; records a crashed
 * consumer had already cut are cut the same way again from its {@link StepPlan}, so a restart
 * rebuilds the same requests even when its poll holds more records.
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
        return plan(entries, null);
    }

    /**
     * As {@link #plan(List)}, but the records a {@code previous} plan covered are cut as it cut them
     * (see {@link StepPlan}): span by span from the first entry, as long as this poll holds each span
     * whole; what follows is planned afresh.
     *
     * @param previous the plan left in the commit metadata by the consumer that read these records before, or null
     */
    public List<Step> plan(List<Entry> entries, StepPlan previous) {
        List<Step> steps = new ArrayList<>();
        int next = 0;
        if (previous != null && !entries.isEmpty() && previous.first() == entries.get(0).record().offset()) {
            for (StepPlan.Span span : previous.spans()) {
                int end = next;
                while (end < entries.size() && entries.get(end).record().offset() <= span.last()) {
                    end++;
                }
                if (next >= entries.size() || entries.get(next).record().offset() != span.first()
                        || end == entries.size() && entries.get(end - 1).record().offset() != span.last()) {
                    break;
                }
                List<Step> replanned = planFresh(entries.subList(next, end));
                if (replanned.size() != 1) {
                    break;
                }
                steps.add(replanned.get(0));
                next = end;
            }
        }
        steps.addAll(planFresh(entries.subList(next, entries.size())));
        return steps;
    }

    private List<Step> planFresh(List<Entry> entries) {
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
