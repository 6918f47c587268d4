package br.com.cdcplusoft.bench.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Heap figures read from a JVM's unified GC log ({@code -Xlog:gc:file=...}): the heap in use just
 * before each collection is the peak between two collections, the heap after it bounds the live
 * set. No agent, no attach, nothing running in the measured JVM.
 *
 * @param peakUsedMb   largest heap in use before a collection
 * @param maxLiveMb    largest heap in use after a collection (live data plus what the collector left)
 * @param committedMb  largest committed heap
 * @param pauses       stop-the-world pauses
 * @param pauseMs      their total duration
 */
public record GcLog(long peakUsedMb, long maxLiveMb, long committedMb, int pauses, double pauseMs) {

    public static final GcLog NONE = new GcLog(0, 0, 0, 0, 0);

    // [12.345s][info][gc] GC(7) Pause Young (Normal) (G1 Evacuation Pause) 150M->40M(256M) 5.123ms
    private static final Pattern PAUSE = Pattern.compile(
            "^\\[([0-9.]+)s].*Pause.*?\\s(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)\\s+([0-9.]+)ms");

    /** Collections between {@code fromUptime} and {@code toUptime} seconds of the JVM's life. */
    public static GcLog read(Path file, double fromUptime, double toUptime) {
        if (file == null || !Files.exists(file)) {
            return NONE;
        }
        try {
            return parse(Files.readAllLines(file), fromUptime, toUptime);
        } catch (IOException e) {
            return NONE;
        }
    }

    static GcLog parse(List<String> lines, double fromUptime, double toUptime) {
        long peak = 0;
        long live = 0;
        long committed = 0;
        int pauses = 0;
        double pauseMs = 0;
        for (String line : lines) {
            Matcher m = PAUSE.matcher(line);
            if (!m.find()) {
                continue;
            }
            double uptime = Double.parseDouble(m.group(1));
            if (uptime < fromUptime || uptime > toUptime) {
                continue;
            }
            peak = Math.max(peak, mb(m.group(2), m.group(3)));
            live = Math.max(live, mb(m.group(4), m.group(5)));
            committed = Math.max(committed, mb(m.group(6), m.group(7)));
            pauses++;
            pauseMs += Double.parseDouble(m.group(8));
        }
        return new GcLog(peak, live, committed, pauses, pauseMs);
    }

    private static long mb(String value, String unit) {
        long v = Long.parseLong(value);
        return switch (unit) {
            case "K" -> v / 1024;
            case "G" -> v * 1024;
            default -> v;
        };
    }
}
