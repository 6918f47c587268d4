package br.com.cdcplusoft.source.snapshot;

import java.time.Instant;

/**
 * A snapshot run as started: its id travels with every row it publishes.
 *
 * @param trigger        who asked for it: {@code initial}, {@code poll}, {@code manual}, {@code nightly}
 * @param confirmDeletes the operator confirmed the run's deletes beyond the mapper's delete guard
 */
public record SnapshotRun(String runId, String entity, boolean forced, String trigger, Instant startedAt, boolean confirmDeletes) {

    public SnapshotRun(String runId, String entity, boolean forced, String trigger, Instant startedAt) {
        this(runId, entity, forced, trigger, startedAt, false);
    }
}
