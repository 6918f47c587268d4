package br.com.cdcplusoft.bench;

/**
 * The benchmark's pacing: measurement windows (idle CPU over 20 s) and sampling intervals are
 * durations by design, not waits for a condition.
 */
public final class Pause {

    private Pause() {
    }

    public static void millis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
