package br.com.cdcplusoft.sink.delivery;

import br.com.cdcplusoft.sink.sender.StoppedException;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits between attempts, giving up as soon as the container stops or the thread is interrupted. */
@FunctionalInterface
public interface Pacer {

    void pause(Duration delay, BooleanSupplier running) throws StoppedException;

    /** Sleeps in slices of at most 100 ms, checking {@code running} between them. */
    static Pacer sleeping() {
        return (delay, running) -> {
            long deadline = System.nanoTime() + delay.toNanos();
            try {
                for (long left = delay.toNanos(); left > 0; left = deadline - System.nanoTime()) {
                    if (!running.getAsBoolean()) {
                        throw new StoppedException("stopping during a retry back-off");
                    }
                    Thread.sleep(Math.max(1, Math.min(100, left / 1_000_000)));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoppedException("interrupted during a retry back-off");
            }
        };
    }
}
