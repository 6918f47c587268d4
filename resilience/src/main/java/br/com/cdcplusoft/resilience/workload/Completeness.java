package br.com.cdcplusoft.resilience.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import tools.jackson.databind.JsonNode;

/**
 * Compares what the receiver holds with the latest committed version of every row: a row is
 * missing when the receiver has no payload for it, or only an older version.
 */
public final class Completeness {

    /**
     * @param rows    rows checked
     * @param absent  rows the receiver never got
     * @param stale   rows the receiver holds in an older version
     * @param samples a few missing rows, for the failure message
     */
    public record Result(long rows, long absent, long stale, List<String> samples) {
        public long missing() {
            return absent + stale;
        }
    }

    private Completeness() {
    }

    /**
     * Rows whose latest version was not accepted yet, by the receiver's own bookkeeping (no payload
     * parsing: cheap enough to poll while 100k rows flow). The verdict is {@link #check}'s.
     *
     * @param accepted (entity route, Plusoft id) -> the highest sequence number accepted
     */
    public static long notYetAccepted(Expected expected, BiFunction<String, String, Optional<Long>> accepted) {
        long missing = 0;
        for (Entity entity : Entity.values()) {
            for (Map.Entry<Long, Long> row : expected.of(entity).entrySet()) {
                if (accepted.apply(entity.route(), entity.plusoftId(row.getKey())).orElse(-1L) < row.getValue()) {
                    missing++;
                }
            }
        }
        return missing;
    }

    /** @param receiver (entity route, Plusoft id) -> the payload the receiver holds */
    public static Result check(Expected expected, BiFunction<String, String, Optional<JsonNode>> receiver) {
        long rows = 0;
        long absent = 0;
        long stale = 0;
        List<String> samples = new ArrayList<>();
        for (Entity entity : Entity.values()) {
            for (Map.Entry<Long, Long> row : expected.of(entity).entrySet()) {
                rows++;
                Optional<JsonNode> held = receiver.apply(entity.route(), entity.plusoftId(row.getKey()));
                Optional<Long> seq = held.flatMap(entity::sequenceOf);
                if (seq.isEmpty()) {
                    absent++;
                } else if (seq.get() < row.getValue()) {
                    stale++;
                } else {
                    continue;
                }
                if (samples.size() < 10) {
                    samples.add(entity.route() + " row " + (Entity.FIRST_ID + row.getKey()) + " expected S" + row.getValue()
                            + ", holds " + seq.map(s -> "S" + s).orElse("nothing"));
                }
            }
        }
        return new Result(rows, absent, stale, List.copyOf(samples));
    }
}
