package br.com.cdcplusoft.sink.delivery;

import br.com.cdcplusoft.core.envelope.PipelineHeaders;
import br.com.cdcplusoft.core.run.RunEvent;
import br.com.cdcplusoft.sink.converter.Entry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What became of the records of one step, filled in as it is delivered (so that a step cut short by
 * a requeue still reports what was done), then turned into run events: one per (run, kind), whatever
 * the number of records.
 */
public final class StepTally {

    private final List<Entry> delivered = new ArrayList<>();
    private final List<Entry> deadLettered = new ArrayList<>();

    void delivered(List<Entry> entries) {
        delivered.addAll(entries);
    }

    void deadLettered(Entry entry) {
        deadLettered.add(entry);
    }

    public int deliveredCount() {
        return delivered.size();
    }

    public int deadLetteredCount() {
        return deadLettered.size();
    }

    public boolean isEmpty() {
        return delivered.isEmpty() && deadLettered.isEmpty();
    }

    /** Run deltas for records that carry a run id header, in first-seen order. */
    public List<RunEvent> runEvents(String entity) {
        List<RunEvent> events = new ArrayList<>();
        add(events, entity, RunEvent.Kind.DELIVERED, delivered);
        add(events, entity, RunEvent.Kind.SINK_DEAD_LETTERED, deadLettered);
        return events;
    }

    private static void add(List<RunEvent> events, String entity, RunEvent.Kind kind, List<Entry> entries) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, Boolean> forced = new LinkedHashMap<>();
        for (Entry e : entries) {
            String runId = PipelineHeaders.get(e.record().headers(), PipelineHeaders.RUN_ID);
            if (runId != null) {
                counts.computeIfAbsent(runId, k -> new long[1])[0]++;
                forced.merge(runId, PipelineHeaders.isForced(e.record().headers()), Boolean::logicalOr);
            }
        }
        counts.forEach((runId, n) -> events.add(RunEvent.of(runId, entity, kind, forced.get(runId), n[0])));
    }
}
