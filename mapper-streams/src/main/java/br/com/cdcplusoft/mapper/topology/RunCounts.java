package br.com.cdcplusoft.mapper.topology;

import br.com.cdcplusoft.core.json.JsonSerdes;
import br.com.cdcplusoft.core.run.RunEvent;
import org.apache.kafka.common.serialization.Serde;

/**
 * Counts of one snapshot run not yet reported on the runs topic (state store
 * {@code <entidade>-run-counts}, keyed by run id). Kept in a changelogged store rather than a plain
 * field so that, under exactly-once, the counts commit in the same transaction as the records they
 * count: a crash neither loses nor double-counts them.
 */
record RunCounts(boolean forced, long mapped, long unchanged, long deadLettered, long missedByPolling) {

    RunCounts(boolean forced, long mapped, long unchanged, long deadLettered) {
        this(forced, mapped, unchanged, deadLettered, 0);
    }

    static Serde<RunCounts> serde() {
        return JsonSerdes.of(RunCounts.class);
    }

    static RunCounts none(boolean forced) {
        return new RunCounts(forced, 0, 0, 0);
    }

    RunCounts plus(RunEvent.Kind kind) {
        return switch (kind) {
            case MAPPED -> new RunCounts(forced, mapped + 1, unchanged, deadLettered, missedByPolling);
            case UNCHANGED -> new RunCounts(forced, mapped, unchanged + 1, deadLettered, missedByPolling);
            case MAPPER_DEAD_LETTERED -> new RunCounts(forced, mapped, unchanged, deadLettered + 1, missedByPolling);
            case POLLING_MISSED -> new RunCounts(forced, mapped, unchanged, deadLettered, missedByPolling + 1);
            default -> throw new IllegalArgumentException("the mapper does not count " + kind);
        };
    }

    long count(RunEvent.Kind kind) {
        return switch (kind) {
            case MAPPED -> mapped;
            case UNCHANGED -> unchanged;
            case MAPPER_DEAD_LETTERED -> deadLettered;
            case POLLING_MISSED -> missedByPolling;
            default -> 0;
        };
    }
}
