package br.com.cdcplusoft.mapper.join;

import br.com.cdcplusoft.core.envelope.ChangeEvent;
import br.com.cdcplusoft.core.envelope.Op;
import br.com.cdcplusoft.core.envelope.PipelineHeaders;
import br.com.cdcplusoft.core.envelope.Source;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns the updates of a joined view table into the change events the JDBC extractor would have
 * written for the view, so that the mapping stage is the same in both modes: {@code c} for a row
 * that enters the view, {@code u} for a row whose view columns changed, {@code d} with the last
 * before image (then a tombstone, as Debezium does) for a row that leaves it (deleted, filtered
 * out, or its inner join lost its partner). An update that leaves every view column as it was is
 * dropped, unless an incremental snapshot (a re-sync) brought it: that one is marked forced
 * ({@code source.forced}, header {@code pipeline-forced}), so the mapper sends it even unchanged.
 *
 * <p>State: store {@code <entidade>-view-rows}, the last joined row emitted per view key.
 */
final class ViewEmitter implements FixedKeyProcessor<JsonNode, JoinedRow, ChangeEvent> {

    /** {@code source.connector} of the events the joins write. */
    static final String CONNECTOR = "debezium-join";

    private final ViewDefinition view;
    private final String storeName;
    private final boolean followRuns;
    private FixedKeyProcessorContext<JsonNode, ChangeEvent> context;
    private KeyValueStore<JsonNode, JoinedRow> emitted;
    private KeyValueStore<String, String> snapshotRuns;

    ViewEmitter(ViewDefinition view, String storeName) {
        this(view, storeName, false);
    }

    /** @param followRuns read {@link SnapshotRuns}' global store: re-sync rows carry their run's id */
    ViewEmitter(ViewDefinition view, String storeName, boolean followRuns) {
        this.view = view;
        this.storeName = storeName;
        this.followRuns = followRuns;
    }

    @Override
    public void init(FixedKeyProcessorContext<JsonNode, ChangeEvent> context) {
        this.context = context;
        this.emitted = context.getStateStore(storeName);
        this.snapshotRuns = followRuns ? context.getStateStore(SnapshotRuns.STORE) : null;
    }

    @Override
    public void process(FixedKeyRecord<JsonNode, JoinedRow> record) {
        if (record.key() == null) {
            return;
        }
        JoinedRow previous = emitted.get(record.key());
        JoinedRow current = record.value();
        ObjectNode before = previous == null ? null : view.row(previous);
        if (current == null) {
            if (previous != null) {
                emitted.delete(record.key());
                forward(record, new ChangeEvent(before, null, Op.DELETE, record.timestamp(), source(record, false)), false);
                forward(record, null, false);
            }
            return;
        }
        boolean forced = current.resyncedSince(previous);
        emitted.put(record.key(), current);
        ObjectNode after = view.row(current);
        if (!forced && after.equals(before)) {
            return;
        }
        Op op = previous == null ? Op.CREATE : Op.UPDATE;
        forward(record, new ChangeEvent(before, after, op, record.timestamp(), source(record, forced)), forced);
    }

    private Source source(FixedKeyRecord<JsonNode, JoinedRow> record, boolean forced) {
        return new Source("1", CONNECTOR, "consinco", record.timestamp(),
                forced ? BaseEventReader.INCREMENTAL_SNAPSHOT : null, null, null, view.view(), view.entity(), null,
                forced ? runOfSnapshot() : null, forced ? Boolean.TRUE : null);
    }

    /** The run whose incremental snapshot is reading one of the view's tables now, or null. */
    private String runOfSnapshot() {
        if (snapshotRuns == null) {
            return null;
        }
        for (BaseTable table : view.tables()) {
            String run = snapshotRuns.get(table.name());
            if (run != null) {
                return run;
            }
        }
        return null;
    }

    private void forward(FixedKeyRecord<JsonNode, JoinedRow> record, ChangeEvent event, boolean forced) {
        // join results carry whatever headers their last input had: start clean
        Headers headers = new RecordHeaders();
        if (forced) {
            PipelineHeaders.set(headers, PipelineHeaders.FORCED, "true");
        }
        context.forward(record.withValue(event).withHeaders(headers));
    }
}
