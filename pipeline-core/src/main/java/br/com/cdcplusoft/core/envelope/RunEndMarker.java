package br.com.cdcplusoft.core.envelope;

import br.com.cdcplusoft.core.json.Json;
import tools.jackson.databind.node.ObjectNode;

/**
 * The record that closes a snapshot run on one partition of a change topic.
 *
 * <p>The extractor writes one to every partition after the run's last row, so each mapper task
 * learns that the run completed for the keys it owns. Its key is constant per partition
 * ({@code {"__control":"run-end","partition":N}}) so compaction keeps only the latest; its value is
 * a {@link ChangeEvent} with {@code op = "m"}, no row, {@code source.snapshot = "last"} and the
 * run id; the {@link PipelineHeaders#CONTROL} header says {@code run-end}.
 *
 * <p>A run also opens with one marker per partition ({@link PipelineHeaders#RUN_START}, key
 * {@code {"__control":"run-start","partition":N}}, {@code source.snapshot = "first"}), so the mapper
 * knows where the run began on a partition where the run itself has no row.
 */
public final class RunEndMarker {

    public static final String CONTROL_FIELD = "__control";

    private RunEndMarker() {
    }

    public static ObjectNode key(int partition) {
        return key(partition, PipelineHeaders.RUN_END);
    }

    /** @param control {@link PipelineHeaders#RUN_END} or {@link PipelineHeaders#RUN_START} */
    public static ObjectNode key(int partition, String control) {
        ObjectNode key = Json.mapper().createObjectNode();
        key.put(CONTROL_FIELD, control);
        key.put("partition", partition);
        return key;
    }

    public static boolean isMarkerKey(tools.jackson.databind.JsonNode key) {
        return key != null && key.has(CONTROL_FIELD);
    }

    public static ChangeEvent value(String entity, String table, String runId, boolean forced, long rows) {
        return value(entity, table, runId, forced, rows, PipelineHeaders.RUN_END);
    }

    /** @param control {@link PipelineHeaders#RUN_END} ({@code snapshot = "last"}) or {@link PipelineHeaders#RUN_START} ({@code "first"}) */
    public static ChangeEvent value(String entity, String table, String runId, boolean forced, long rows, String control) {
        long now = System.currentTimeMillis();
        String snapshot = PipelineHeaders.RUN_START.equals(control) ? "first" : "last";
        Source source = new Source("1", Source.JDBC_CONNECTOR, "consinco", now, snapshot, null, null, table,
                entity, Long.toString(rows), runId, forced);
        return new ChangeEvent(null, null, Op.MESSAGE, now, source);
    }
}
