package br.com.cdcplusoft.gateway.security;

import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One Resilience4j rate limiter per client (IP address): {@code requests} per {@code period},
 * never waiting. At most {@code maxClients} limiters are kept; the least recently seen client is
 * forgotten first (it starts again with a full allowance), so memory stays bounded whatever the
 * number of addresses.
 */
final class ClientRateLimiters {

    private final RateLimiterConfig config;
    private final Supplier<Long> nanoTime;
    private final Map<String, AtomicRateLimiter> limiters;

    ClientRateLimiters(int requests, Duration period, int maxClients) {
        this(requests, period, maxClients, System::nanoTime);
    }

    ClientRateLimiters(int requests, Duration period, int maxClients, Supplier<Long> nanoTime) {
        this.config = RateLimiterConfig.custom()
                .limitForPeriod(requests)
                .limitRefreshPeriod(period)
                .timeoutDuration(Duration.ZERO)
                .build();
        this.nanoTime = nanoTime;
        this.limiters = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, AtomicRateLimiter> eldest) {
                return size() > maxClients;
            }
        };
    }

    /** @return 0 when the request may go on, else the seconds the client should wait (at least 1) */
    long tryAcquire(String client) {
        AtomicRateLimiter limiter = limiter(client);
        if (limiter.acquirePermission()) {
            return 0;
        }
        return secondsToWait(limiter);
    }

    /**
     * Whether the client has used up its allowance, without taking from it: a request that counts
     * only when it fails (a wrong key) is refused first when nothing is left.
     *
     * @return 0 when a permission is available, else the seconds the client should wait (at least 1)
     */
    long waitIfExhausted(String client) {
        AtomicRateLimiter limiter = limiter(client);
        return limiter.getMetrics().getAvailablePermissions() > 0 ? 0 : secondsToWait(limiter);
    }

    private AtomicRateLimiter limiter(String client) {
        synchronized (limiters) {
            return limiters.computeIfAbsent(client, c -> new AtomicRateLimiter("client", config, Map.of(), nanoTime));
        }
    }

    private static long secondsToWait(AtomicRateLimiter limiter) {
        long nanos = limiter.getDetailedMetrics().getNanosToWait();
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }

    int size() {
        synchronized (limiters) {
            return limiters.size();
        }
    }
}
