package br.com.cdcplusoft.gateway.runs;

import br.com.cdcplusoft.gateway.web.Redaction;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * A snapshot run as the gateway knows it from the runs topic: what the extractor read and
 * published, and what the mapper and the sink reported back for the same run id.
 *
 * @param startedAt  when the extractor started reading
 * @param extractedAt when the extractor had published every row (FINISHED), else null
 * @param endedAt    when the run reached COMPLETED or FAILED, else null
 * @param errors     failures, oldest first: a classification and a masked excerpt, never the raw message; left out
 *                   (null) for a caller without the read or the admin key
 * @param warnings   what the run did not do and why, e.g. deletes the delete guard refused (no personal data)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A re-sync run and its progress through the pipeline")
public record RunStatus(
        @Schema(example = "produtos-20240715T040000-1a2b3c4d") String runId,
        @Schema(example = "produtos") String entity,
        boolean forced,
        @Schema(example = "manual", description = "manual, nightly, initial, poll") String trigger,
        State status,
        Counts counts,
        Instant startedAt,
        Instant extractedAt,
        Instant endedAt,
        Instant lastEventAt,
        List<Error> errors,
        List<String> warnings) {

    public RunStatus(String runId, String entity, boolean forced, String trigger, State status, Counts counts, Instant startedAt,
                     Instant extractedAt, Instant endedAt, Instant lastEventAt, List<Error> errors) {
        this(runId, entity, forced, trigger, status, counts, startedAt, extractedAt, endedAt, lastEventAt, errors, List.of());
    }

    /** The same run without its error details, for a caller without a key. */
    public RunStatus withoutErrorDetails() {
        return new RunStatus(runId, entity, forced, trigger, status, counts, startedAt, extractedAt, endedAt, lastEventAt, null,
                warnings);
    }

    /**
     * One failure of a run.
     *
     * @param classificacao what failed: DATABASE, DATABASE_TIMEOUT, BROKER, TIMEOUT, INTERRUPTED, OTHER, UNKNOWN
     * @param trecho        the failure's text with every value masked (quoted text, e-mail addresses, numbers), cut short
     */
    public record Error(@Schema(example = "DATABASE") String classificacao,
                        @Schema(example = "Data conversion error converting '***' [***-***]") String trecho) {

        /** From the free text a stage reported (an exception message): classified, then masked. */
        public static Error of(String detail) {
            return new Error(Redaction.classify(detail), detail == null ? null : Redaction.excerpt(detail));
        }

        @Override
        public String toString() {
            return classificacao + (trecho == null ? "" : ": " + trecho);
        }
    }

    public enum State {
        /** the extractor is reading the view and publishing rows */
        RUNNING,
        /** every row was published; waiting for the mapper and the sink to account for them */
        PUBLISHED,
        /** every published row was delivered, dead-lettered or dropped as unchanged */
        COMPLETED,
        /** the extractor stopped on an error */
        FAILED;

        public boolean terminal() {
            return this == COMPLETED || this == FAILED;
        }
    }

    /**
     * Row counts of a run.
     *
     * @param read               rows read from the view (and published to the change topic)
     * @param published          rows the extractor declared published when it finished (null until then)
     * @param mapped             payloads the mapper emitted to the Plusoft topic
     * @param unchanged          rows the mapper dropped because their payload did not change
     * @param delivered          records Plusoft accepted
     * @param mapperDeadLettered rows the mapper could not map (change dead-letter topic)
     * @param sinkDeadLettered   records Plusoft rejected or that could not be delivered (payload dead-letter topic)
     * @param deadLettered       mapperDeadLettered + sinkDeadLettered
     * @param missedByPolling    rows a plain run found changed that polling had not sent (late commits; 0 when forced)
     * @param deletesRefused     rows the run would have deleted, refused by the delete guard (see warnings)
     */
    public record Counts(long read, Long published, long mapped, long unchanged, long delivered,
                         long mapperDeadLettered, long sinkDeadLettered, long deadLettered, long missedByPolling,
                         long deletesRefused) {

        public Counts(long read, Long published, long mapped, long unchanged, long delivered,
                      long mapperDeadLettered, long sinkDeadLettered, long deadLettered) {
            this(read, published, mapped, unchanged, delivered, mapperDeadLettered, sinkDeadLettered, deadLettered, 0, 0);
        }
    }
}
