package br.com.cdcplusoft.bench.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Memory and CPU of a process as Linux reports them in /proc: reading a file costs microseconds, so
 * sampling every second disturbs nothing (unlike attaching jcmd or jstat, each a JVM of its own).
 *
 * @param rssKb     resident set now (VmRSS)
 * @param hwmKb     peak resident set since the process started (VmHWM)
 * @param cpuTicks  user + system CPU time, in clock ticks ({@link #TICKS_PER_SECOND})
 */
public record ProcStats(long rssKb, long hwmKb, long cpuTicks) {

    /** USER_HZ: 100 on every Linux build this runs on. */
    public static final double TICKS_PER_SECOND = 100.0;
    public static final ProcStats NONE = new ProcStats(0, 0, 0);

    /** The process's figures, or {@link #NONE} once it is gone. */
    public static ProcStats of(long pid) {
        try {
            long rss = 0;
            long hwm = 0;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = kb(line);
                } else if (line.startsWith("VmHWM:")) {
                    hwm = kb(line);
                }
            }
            return new ProcStats(rss, hwm, cpuTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))));
        } catch (IOException | RuntimeException e) {
            return NONE;
        }
    }

    /** Fields 14 and 15 (utime, stime) of /proc/pid/stat, counted after the command name, which may hold spaces. */
    static long cpuTicks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        // fields[0] is field 3 (state): utime is field 14, stime field 15
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static long kb(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }

    public double cpuSeconds() {
        return cpuTicks / TICKS_PER_SECOND;
    }

    public long rssMb() {
        return rssKb / 1024;
    }

    public long hwmMb() {
        return hwmKb / 1024;
    }
}
