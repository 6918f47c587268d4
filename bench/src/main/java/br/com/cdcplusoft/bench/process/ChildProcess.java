package br.com.cdcplusoft.bench.process;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JVM (or any program) the benchmark started: its output goes to a log file, its memory and CPU
 * are read from /proc, and it is stopped with SIGTERM, then SIGKILL after a grace period.
 * Children that read their standard input (broker, database) exit when it closes, so they do not
 * outlive a benchmark that was killed.
 */
public final class ChildProcess {

    private final String name;
    private final Process process;
    private final Path log;
    private final Path gcLog;
    private final Path jfr;
    private final Instant startedAt;
    private final OutputStream stdin;

    private ChildProcess(String name, Process process, Path log, Path gcLog, Path jfr, OutputStream stdin) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.gcLog = gcLog;
        this.jfr = jfr;
        this.stdin = stdin;
        this.startedAt = process.info().startInstant().orElse(Instant.now());
    }

    /**
     * @param gcLog  the GC log the command writes, or null
     * @param jfr    the flight recording the command writes, or null
     * @param keepStdin true: the child's standard input stays open until {@link #stop}
     */
    public static ChildProcess start(String name, List<String> command, Path workDir, Map<String, String> env, Path log,
                                     Path gcLog, Path jfr, boolean keepStdin) {
        try {
            Files.createDirectories(workDir);
            Files.createDirectories(log.getParent());
            ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            if (!keepStdin) {
                pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            }
            pb.environment().putAll(env);
            Process p = pb.start();
            return new ChildProcess(name, p, log, gcLog, jfr, keepStdin ? p.getOutputStream() : null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    public Path gcLog() {
        return gcLog;
    }

    public Path jfr() {
        return jfr;
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** Seconds of this process's life at {@code at}: the GC log's time axis. */
    public double uptimeAt(Instant at) {
        return Duration.between(startedAt, at).toMillis() / 1000.0;
    }

    public ProcStats stats() {
        return ProcStats.of(pid());
    }

    /** Writes a line to the child's standard input (a command for the bench's own mains). */
    public void send(String line) {
        if (stdin == null) {
            throw new IllegalStateException(name + " was not started with an open standard input");
        }
        try {
            stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + name + " (exited? see " + log + ")", e);
        }
    }

    /**
     * Waits until a line of the log written after {@code fromOffset} matches; fails if the process
     * exits or the time is up, quoting the end of the log.
     */
    public LogMatch awaitLog(Pattern pattern, long fromOffset, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long offset = fromOffset;
        StringBuilder partial = new StringBuilder();
        while (true) {
            try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
                if (f.length() > offset) {
                    f.seek(offset);
                    byte[] bytes = new byte[(int) Math.min(f.length() - offset, 1 << 20)];
                    f.readFully(bytes);
                    offset += bytes.length;
                    // one char per byte: offsets stay byte offsets
                    partial.append(new String(bytes, StandardCharsets.ISO_8859_1));
                    int nl;
                    while ((nl = partial.indexOf("\n")) >= 0) {
                        String line = partial.substring(0, nl);
                        partial.delete(0, nl + 1);
                        Matcher m = pattern.matcher(line);
                        if (m.find()) {
                            return new LogMatch(m, offset - partial.length());
                        }
                    }
                }
            } catch (IOException e) {
                // the file appears with the first line the child writes
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue() + " before logging /"
                        + pattern + "/; end of " + log + ":\n" + tail(30));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " did not log /" + pattern + "/ within " + timeout.toSeconds()
                        + " s; end of " + log + ":\n" + tail(30));
            }
            sleep(100);
        }
    }

    /** A matching log line, and the offset just after it. */
    public record LogMatch(Matcher matcher, long nextOffset) {
        public String group(int group) {
            return matcher.group(group);
        }
    }

    /** Current size of the log: pass it to {@link #awaitLog} to see only what comes next. */
    public long logOffset() {
        try {
            return Files.exists(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    public String tail(int lines) {
        try {
            if (!Files.exists(log)) {
                return "(no output)";
            }
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** Whether the log mentions an OutOfMemoryError. */
    public boolean loggedOutOfMemory() {
        try (var lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
            return lines.anyMatch(l -> l.contains("OutOfMemoryError"));
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    /** SIGTERM (after closing standard input), then SIGKILL when {@code grace} has passed; idempotent. */
    public void stop(Duration grace) {
        if (stdin != null) {
            try {
                stdin.close();
            } catch (IOException e) {
                // already gone
            }
        }
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + pid() + ")";
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Every child of this benchmark, stopped in reverse order of start on exit, even a failed one. */
    public static final class Registry {
        private final List<ChildProcess> children = new ArrayList<>();
        private final Path pidFile;

        public Registry(Path pidFile) {
            this.pidFile = pidFile;
            Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "bench-children-stop"));
        }

        public synchronized ChildProcess add(ChildProcess child) {
            children.add(child);
            writePids();
            return child;
        }

        public synchronized void stop(ChildProcess child, Duration grace) {
            child.stop(grace);
            children.remove(child);
            writePids();
        }

        public synchronized void stopAll() {
            for (int i = children.size() - 1; i >= 0; i--) {
                children.get(i).stop(Duration.ofSeconds(20));
            }
            children.clear();
            writePids();
        }

        /** One "pid name" line per live child, for run.sh to kill should this JVM itself be killed. */
        private void writePids() {
            StringBuilder sb = new StringBuilder();
            for (ChildProcess c : children) {
                sb.append(c.pid()).append(' ').append(c.name()).append('\n');
            }
            try {
                Files.createDirectories(pidFile.getParent());
                Files.writeString(pidFile, sb.toString());
            } catch (IOException e) {
                // best effort: the shutdown hook still stops them
            }
        }
    }
}
