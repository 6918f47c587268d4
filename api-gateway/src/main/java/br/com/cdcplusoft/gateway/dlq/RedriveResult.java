package br.com.cdcplusoft.gateway.dlq;

import io.swagger.v3.oas.annotations.media.Schema;

/** Answer to {@code POST /dlq/{entidade}/reprocessar}: what was re-driven from each dead-letter topic. */
@Schema(description = "Dead letters re-driven, per stage")
record RedriveResult(@Schema(example = "clientes") String entidade, Counts mapper, Counts sink) {

    /**
     * @param lidos         dead letters not re-driven before, read now
     * @param reprocessados re-published to the stage's input topic
     * @param obsoletos     skipped: a newer record of the same key followed the failed one (re-publishing would undo it)
     * @param ignorados     skipped: the original could not be read, there is nothing useful to re-publish
     */
    record Counts(long lidos, long reprocessados, long obsoletos, long ignorados) {
        static final Counts NONE = new Counts(0, 0, 0, 0);
    }
}
