package br.com.cdcplusoft.resilience.receiver;

import java.util.List;

/**
 * One request the receiver got, as it answered it.
 *
 * @param phase    the suite's phase when it arrived (load, redrive, replay, resync)
 * @param status   the simulator's answer (200, 400, 429, 503, 401)
 * @param replayed 200 for an Idempotency-Key already accepted: not applied again
 * @param slow     answered after the client's timeout (the sink saw no answer)
 * @param records  the body's records: identity and fingerprint of the exact JSON
 */
public record Delivery(long sequence, String phase, String method, String entity, String idempotencyKey, int status,
                       boolean replayed, boolean slow, List<Item> records) {

    /**
     * A record of a request body: its identity ({@code 10}, {@code 123|10}), a 64-bit hash of its
     * JSON, and the workload's sequence number it carries (null for records not written by the workload).
     */
    public record Item(String id, long fingerprint, Long sequence) {
    }

    public boolean accepted() {
        return status >= 200 && status < 300;
    }

    public boolean applied() {
        return accepted() && !replayed;
    }
}
