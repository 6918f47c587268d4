package br.com.cdcplusoft.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ClientRateLimitersTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @Test
    void allowsTheLimitPerPeriodThenAsksToWaitUntilTheNextPeriod() {
        ClientRateLimiters limiters = new ClientRateLimiters(30, Duration.ofMinutes(1), 100, nanos::get);
        for (int i = 0; i < 30; i++) {
            assertThat(limiters.tryAcquire("a")).as("request %d", i + 1).isZero();
        }
        assertThat(limiters.tryAcquire("a")).isEqualTo(60);
        nanos.addAndGet(Duration.ofSeconds(45).toNanos());
        assertThat(limiters.tryAcquire("a")).isEqualTo(15);
        nanos.addAndGet(Duration.ofSeconds(15).toNanos());
        assertThat(limiters.tryAcquire("a")).isZero();
    }

    @Test
    void clientsHaveTheirOwnAllowance() {
        ClientRateLimiters limiters = new ClientRateLimiters(1, Duration.ofMinutes(1), 100, nanos::get);
        assertThat(limiters.tryAcquire("a")).isZero();
        assertThat(limiters.tryAcquire("a")).isPositive();
        assertThat(limiters.tryAcquire("b")).isZero();
    }

    @Test
    void keepsAtMostMaxClientsForgettingTheLeastRecentlySeen() {
        ClientRateLimiters limiters = new ClientRateLimiters(1, Duration.ofMinutes(1), 2, nanos::get);
        limiters.tryAcquire("a");
        limiters.tryAcquire("b");
        limiters.tryAcquire("a");
        limiters.tryAcquire("c");
        assertThat(limiters.size()).isEqualTo(2);
        // b was forgotten: it starts again with a full allowance; a was kept and is still limited
        assertThat(limiters.tryAcquire("b")).isZero();
        assertThat(limiters.tryAcquire("c")).isPositive();
    }
}
