package br.com.cdcplusoft.bench;

import java.time.Duration;

/** Progress lines on standard output, stamped with the time since the benchmark started. */
public final class Console {

    private static final long START = System.nanoTime();

    private Console() {
    }

    public static void say(String phase, String message) {
        long s = Duration.ofNanos(System.nanoTime() - START).toSeconds();
        System.out.printf("[%02d:%02d:%02d] %-12s %s%n", s / 3600, (s / 60) % 60, s % 60, phase, message);
        System.out.flush();
    }
}
