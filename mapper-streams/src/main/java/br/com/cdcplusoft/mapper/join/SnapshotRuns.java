package br.com.cdcplusoft.mapper.join;

import br.com.cdcplusoft.core.signal.SnapshotNotification;
import java.util.Locale;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps, from the connector's incremental-snapshot notifications, which run is snapshotting which
 * table: {@code STARTED} records the signal's id (the gateway's run id) for each of its tables,
 * {@code ABORTED} forgets them. {@code COMPLETED} does not: the notification can overtake the last
 * rows of the snapshot on their way through the joins, which must still count for the run; the next
 * snapshot of the table replaces it. Global store {@link #STORE}: table (upper case,
 * without catalog and schema) -> run id. The view rows a re-sync brings then count for that run in
 * the mapper and the sink, as a JDBC re-sync's rows do.
 */
final class SnapshotRuns implements Processor<byte[], byte[], Void, Void> {

    static final String STORE = "debezium-snapshot-runs";

    private KeyValueStore<String, String> runs;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        runs = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        SnapshotNotification n = SnapshotNotification.parse(record.value()).orElse(null);
        if (n == null || n.type() == null) {
            return;
        }
        for (String collection : n.dataCollections()) {
            String table = table(collection);
            switch (n.type()) {
                case "STARTED" -> runs.put(table, n.id());
                case "ABORTED" -> {
                    if (n.id().equals(runs.get(table))) {
                        runs.delete(table);
                    }
                }
                default -> {
                    // progress of a run already known
                }
            }
        }
    }

    static String table(String dataCollection) {
        String name = dataCollection.strip();
        int dot = name.lastIndexOf('.');
        return (dot < 0 ? name : name.substring(dot + 1)).toUpperCase(Locale.ROOT);
    }
}
