package br.com.cdcplusoft.mapper.topology;

import br.com.cdcplusoft.core.json.JsonSerdes;
import br.com.cdcplusoft.core.run.RunEvent;
import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Counts of one snapshot run not yet reported on the runs topic (state store
 * {@code <entidade>-run-counts}, keyed by run id). Kept in a changelogged store rather than a plain
 * field so that, under exactly-once, the counts commit in the same transaction as the records they
 * count: a crash neither loses nor double-counts them. Read and written on every record a run
 * carries, so stored in a fixed binary form (version byte {@value #FORMAT}, the forced flag, four
 * counts); the JSON form of earlier versions is still read.
 */
record RunCounts(boolean forced, long mapped, long unchanged, long deadLettered, long missedByPolling) {

    RunCounts(boolean forced, long mapped, long unchanged, long deadLettered) {
        this(forced, mapped, unchanged, deadLettered, 0);
    }

    /** First byte of the binary form; the JSON form starts with '{'. */
    static final byte FORMAT = 1;
    private static final int SIZE = 1 + 1 + 4 * 8;
    private static final Deserializer<RunCounts> JSON = JsonSerdes.deserializer(RunCounts.class);

    static Serde<RunCounts> serde() {
        return Serdes.serdeFrom(RunCounts::write, RunCounts::read);
    }

    static byte[] write(String topic, RunCounts counts) {
        if (counts == null) {
            return null;
        }
        return ByteBuffer.allocate(SIZE).put(FORMAT).put((byte) (counts.forced ? 1 : 0)).putLong(counts.mapped)
                .putLong(counts.unchanged).putLong(counts.deadLettered).putLong(counts.missedByPolling).array();
    }

    static RunCounts read(String topic, byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return null;
        }
        if (bytes[0] == '{') {
            return JSON.deserialize(topic, bytes);
        }
        if (bytes[0] != FORMAT || bytes.length != SIZE) {
            throw new SerializationException("run counts in " + topic + " have an unknown format (" + bytes.length + " bytes)");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, 1, SIZE - 1);
        return new RunCounts(in.get() == 1, in.getLong(), in.getLong(), in.getLong(), in.getLong());
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
