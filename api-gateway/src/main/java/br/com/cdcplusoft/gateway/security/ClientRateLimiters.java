package br.com.cdcplusoft.gateway.security;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * One Bucket4j bucket per client (IP address): {@code requests} per {@code period}, refilled whole
 * at the end of each period, never waiting. At most {@code maxClients} buckets are kept; the least
 * recently seen client is forgotten first (it starts again with a full allowance), so memory stays
 * bounded whatever the number of addresses.
 */
final class ClientRateLimiters {

    private final Bandwidth limit;
    private final TimeMeter clock;
    private final Map<String, Bucket> buckets;

    ClientRateLimiters(int requests, Duration period, int maxClients) {
        this(requests, period, maxClients, System::nanoTime);
    }

    ClientRateLimiters(int requests, Duration period, int maxClients, LongSupplier nanoTime) {
        this.limit = Bandwidth.builder().capacity(requests).refillIntervally(requests, period).build();
        this.clock = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return nanoTime.getAsLong();
            }

            @Override
            public boolean isWallClockBased() {
                return false;
            }
        };
        this.buckets = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > maxClients;
            }
        };
    }

    /** @return 0 when the request may go on, else the seconds the client should wait (at least 1) */
    long tryAcquire(String client) {
        ConsumptionProbe probe = bucket(client).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? 0 : seconds(probe.getNanosToWaitForRefill());
    }

    /**
     * Whether the client has used up its allowance, without taking from it: a request that counts
     * only when it fails (a wrong key) is refused first when nothing is left.
     *
     * @return 0 when a permission is available, else the seconds the client should wait (at least 1)
     */
    long waitIfExhausted(String client) {
        EstimationProbe probe = bucket(client).estimateAbilityToConsume(1);
        return probe.canBeConsumed() ? 0 : seconds(probe.getNanosToWaitForRefill());
    }

    private Bucket bucket(String client) {
        synchronized (buckets) {
            return buckets.computeIfAbsent(client, c -> Bucket.builder().addLimit(limit).withCustomTimePrecision(clock).build());
        }
    }

    private static long seconds(long nanos) {
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }

    int size() {
        synchronized (buckets) {
            return buckets.size();
        }
    }
}
