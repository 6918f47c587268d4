package br.com.cdcplusoft.sink.delivery;

import br.com.cdcplusoft.sink.config.SinkProperties;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Delay before the next attempt: {@code initial * multiplier^(failures-1)}, spread by +/- jitter,
 * capped at {@code max}, and never shorter than what the server asked for in Retry-After.
 */
public final class RetryPolicy {

    private final SinkProperties.Retry settings;
    private final DoubleSupplier random;

    /** @param random uniform in [0, 1) */
    public RetryPolicy(SinkProperties.Retry settings, DoubleSupplier random) {
        this.settings = settings;
        this.random = random;
    }

    public Duration maxTotal() {
        return settings.maxTotal();
    }

    /**
     * @param failures   failed attempts so far (1 after the first failure)
     * @param retryAfter the server's Retry-After, or null
     */
    public Duration delay(int failures, Duration retryAfter) {
        double base = settings.initial().toMillis() * Math.pow(settings.multiplier(), Math.max(0, failures - 1));
        double spread = 1.0 + settings.jitter() * (2.0 * random.getAsDouble() - 1.0);
        long millis = (long) Math.min(settings.max().toMillis(), base * spread);
        Duration backOff = Duration.ofMillis(Math.max(1, millis));
        return retryAfter != null && retryAfter.compareTo(backOff) > 0 ? retryAfter : backOff;
    }
}
