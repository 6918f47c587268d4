package br.com.cdcplusoft.resilience.receiver;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the receiver's request log says about repeated deliveries. A delivery is a request the
 * receiver accepted (2xx: applied, or answered from an Idempotency-Key it already accepted); a
 * repeated delivery is one that carries a record (identity and exact JSON) an earlier delivery
 * already carried: a retry after a 5xx/429/timeout, or a redelivery after a crash. Every repeat
 * must carry the first delivery's Idempotency-Key, or Plusoft applies the record twice.
 *
 * @param requests        requests received (any status)
 * @param failed          answered 503 or 429 by the injected faults
 * @param rejected        answered 400
 * @param slow            answered past the client's timeout
 * @param deliveries      accepted requests
 * @param recordsReceived records in accepted requests
 * @param distinctRecords distinct (identity, JSON) among them
 * @param repeats         records delivered again after a first delivery
 * @param repeatsSameKey  of which with the first delivery's Idempotency-Key
 * @param appliedTwice    records applied (not answered as repeated) more than once: a repeat with another key
 * @param samples         a few repeats with another key
 */
public record Ledger(long requests, long failed, long rejected, long slow, long deliveries, long recordsReceived,
                     long distinctRecords, long repeats, long repeatsSameKey, long appliedTwice, List<String> samples) {

    public long repeatsOtherKey() {
        return repeats - repeatsSameKey;
    }

    private record RecordKey(String entity, String id, long fingerprint) {
    }

    public static Ledger of(List<Delivery> deliveries, String phase) {
        long requests = 0;
        long failed = 0;
        long rejected = 0;
        long slow = 0;
        long accepted = 0;
        long records = 0;
        long repeats = 0;
        long sameKey = 0;
        long appliedTwice = 0;
        Map<RecordKey, String> firstKey = new HashMap<>();
        Map<RecordKey, Integer> applied = new HashMap<>();
        List<String> samples = new ArrayList<>();
        for (Delivery d : deliveries) {
            if (!d.phase().equals(phase)) {
                continue;
            }
            requests++;
            if (d.status() == 503 || d.status() == 429) {
                failed++;
            }
            if (d.status() == 400) {
                rejected++;
            }
            if (d.slow()) {
                slow++;
            }
            if (!d.accepted()) {
                continue;
            }
            accepted++;
            for (Delivery.Item item : d.records()) {
                records++;
                RecordKey key = new RecordKey(d.entity(), item.id(), item.fingerprint());
                String first = firstKey.putIfAbsent(key, d.idempotencyKey());
                if (first != null) {
                    repeats++;
                    if (Objects.equals(first, d.idempotencyKey())) {
                        sameKey++;
                    } else if (samples.size() < 5) {
                        samples.add(d.entity() + " " + item.id() + ": first key " + abbreviate(first) + ", repeat #" + d.sequence()
                                + " key " + abbreviate(d.idempotencyKey()));
                    }
                }
                if (d.applied() && applied.merge(key, 1, Integer::sum) == 2) {
                    appliedTwice++;
                }
            }
        }
        return new Ledger(requests, failed, rejected, slow, accepted, records, firstKey.size(), repeats, sameKey, appliedTwice,
                List.copyOf(samples));
    }

    private static String abbreviate(String key) {
        return key == null ? "(none)" : key.substring(0, Math.min(12, key.length()));
    }
}
