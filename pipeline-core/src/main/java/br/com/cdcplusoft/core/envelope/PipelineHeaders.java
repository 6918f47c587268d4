package br.com.cdcplusoft.core.envelope;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Headers that travel with records through every stage, so that delivery can be reported per run.
 * The mapper copies them from a change event to the payload it produces; the sink reads them.
 */
public final class PipelineHeaders {

    /** Id of the snapshot run (nightly, manual or forced re-sync) that produced the record. */
    public static final String RUN_ID = "pipeline-run-id";
    /** {@code "true"} when the run is forced: downstream stages must not drop the record as unchanged. */
    public static final String FORCED = "pipeline-forced";
    /** Present on control records only; {@link #RUN_END} marks the end of a snapshot run on one partition. */
    public static final String CONTROL = "pipeline-control";
    public static final String RUN_END = "run-end";
    /** Marks the start of a snapshot run on one partition. */
    public static final String RUN_START = "run-start";
    /**
     * {@code "true"} on a run's end markers when the operator confirmed its deletes
     * ({@code POST /{entidade}/sincronizar?confirmarExclusoes=true}): the mapper's delete guard lets them through.
     */
    public static final String CONFIRM_DELETES = "pipeline-confirm-deletes";
    /** Who started a snapshot run: {@code initial}, {@code poll}, {@code manual}, {@code nightly}. */
    public static final String TRIGGER = "pipeline-trigger";

    private PipelineHeaders() {
    }

    public static String get(Headers headers, String name) {
        if (headers == null) {
            return null;
        }
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    public static void set(Headers headers, String name, String value) {
        headers.remove(name);
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    public static boolean isForced(Headers headers) {
        return "true".equals(get(headers, FORCED));
    }

    public static boolean isRunStart(Headers headers) {
        return RUN_START.equals(get(headers, CONTROL));
    }

    public static boolean isRunEnd(Headers headers) {
        return RUN_END.equals(get(headers, CONTROL));
    }
}
