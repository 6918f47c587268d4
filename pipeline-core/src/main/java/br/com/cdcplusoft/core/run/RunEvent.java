package br.com.cdcplusoft.core.run;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Objects;

/**
 * One fact about a snapshot run, published on the runs topic (key = run id) by whichever stage
 * learnt it. Counts are deltas: a reader sums them per run and kind.
 *
 * @param count  rows concerned by this event (0 for STARTED, FINISHED, FAILED)
 * @param detail free text: an error message (no personal data), or the trigger of the run
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunEvent(String runId, String entity, Kind kind, boolean forced, Instant at, long count, String detail) {

    public enum Kind {
        /** extractor: the snapshot began. */
        STARTED,
        /** extractor: rows read from the source and published to the change topic. */
        PUBLISHED,
        /** extractor: every row was published and the end markers written. */
        FINISHED,
        /** extractor: the run stopped on an error (detail says which). */
        FAILED,
        /** mapper: payloads emitted to the payload topic. */
        MAPPED,
        /** mapper: rows dropped because their payload did not change. */
        UNCHANGED,
        /** mapper: rows sent to the change dead-letter topic. */
        MAPPER_DEAD_LETTERED,
        /**
         * mapper: rows a plain (not forced) manual or nightly run found changed although polling had not
         * sent that version: what query-based polling missed (a late commit), or changed while the run read.
         */
        POLLING_MISSED,
        /** mapper: rows a completed run would have deleted, refused by the delete guard (detail says why). */
        DELETES_REFUSED,
        /** sink: records Plusoft accepted. */
        DELIVERED,
        /** sink: records sent to the payload dead-letter topic. */
        SINK_DEAD_LETTERED
    }

    public RunEvent {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(kind, "kind");
        at = at == null ? Instant.now() : at;
    }

    public static RunEvent of(String runId, String entity, Kind kind, boolean forced, long count) {
        return new RunEvent(runId, entity, kind, forced, Instant.now(), count, null);
    }
}
