package br.com.cdcplusoft.source.snapshot;

/** A snapshot of the entity is already running in this process; its run id is given. */
public final class SnapshotAlreadyRunningException extends RuntimeException {

    private final String entity;
    private final String runningRunId;

    public SnapshotAlreadyRunningException(String entity, String runningRunId) {
        super("a snapshot of '" + entity + "' is already running: run " + runningRunId);
        this.entity = entity;
        this.runningRunId = runningRunId;
    }

    public String entity() {
        return entity;
    }

    public String runningRunId() {
        return runningRunId;
    }
}
