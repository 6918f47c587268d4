package br.com.cdcplusoft.dev.harness;

import static org.awaitility.Awaitility.await;

import java.io.File;
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
import org.awaitility.core.ConditionTimeoutException;

/**
 * A child JVM, restartable: every start is a new generation with its own log
 * ({@code <logDir>/<name>-<generation>.log}, standard output and error together) and, when its
 * command asks for them, its own GC log ({@code .gc.log}) and flight recording ({@code .jfr}).
 * A crash is {@link #kill()} (SIGKILL: no shutdown hook, no flush, no commit); {@link #stop} is what
 * an orchestrator does (SIGTERM, then SIGKILL after a grace period). Defined through {@link Children},
 * which stops whatever is left when the harness ends.
 */
public final class ChildProcess {

    private final String name;
    private final JavaCommand command;
    private final Map<String, String> environment;
    private final Path workDir;
    private final Path logDir;
    private final boolean keepStdin;
    private final Runnable onChange;
    private int generation;
    private Process process;
    private Path log;
    private Path gcLog;
    private Path jfr;
    private Instant startedAt;
    private OutputStream stdin;

    ChildProcess(String name, JavaCommand command, Map<String, String> environment, Path workDir, Path logDir, boolean keepStdin,
                 Runnable onChange) {
        this.name = name;
        this.command = command.copy();
        this.environment = Map.copyOf(environment);
        this.workDir = workDir;
        this.logDir = logDir;
        this.keepStdin = keepStdin;
        this.onChange = onChange;
    }

    public String name() {
        return name;
    }

    public ChildProcess start() {
        return start(List.of());
    }

    /** Starts a new generation with {@code extraArgs} appended to the command (e.g. Spring {@code --key=value}). */
    public ChildProcess start(List<String> extraArgs) {
        synchronized (this) {
            if (process != null && process.isAlive()) {
                throw new IllegalStateException(name + " is already running (pid " + process.pid() + ")");
            }
            generation++;
            String base = name + "-" + generation;
            log = logDir.resolve(base + ".log");
            gcLog = command.writesGcLog() ? logDir.resolve(base + ".gc.log") : null;
            jfr = command.recordsFlight() ? logDir.resolve(base + ".jfr") : null;
            try {
                Files.createDirectories(workDir);
                Files.createDirectories(logDir);
                ProcessBuilder builder = new ProcessBuilder(command.build(gcLog, jfr, extraArgs)).directory(workDir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
                if (!keepStdin) {
                    builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
                }
                builder.environment().putAll(environment);
                process = builder.start();
                stdin = keepStdin ? process.getOutputStream() : null;
                startedAt = process.info().startInstant().orElse(Instant.now());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + name + ": " + e.getMessage(), e);
            }
        }
        onChange.run();
        return this;
    }

    /** Writes a line to the child's standard input (a command for a main that reads it). */
    public synchronized void send(String line) {
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

    /** SIGKILL, as a crash or an OOM killer would: the process gets no chance to clean up. */
    public void kill() {
        synchronized (this) {
            if (process != null) {
                process.destroyForcibly();
                waitFor(Duration.ofSeconds(30));
                closeStdin();
            }
        }
        onChange.run();
    }

    /**
     * Closes standard input (a main that reads it takes that as its cue to stop), SIGTERM, then SIGKILL
     * when the process has not exited within {@code grace}; nothing when it is not running.
     */
    public void stop(Duration grace) {
        synchronized (this) {
            closeStdin();
            if (process != null && process.isAlive()) {
                process.destroy();
                if (!waitFor(grace)) {
                    process.destroyForcibly();
                    waitFor(Duration.ofSeconds(30));
                }
            }
        }
        onChange.run();
    }

    private void closeStdin() {
        if (stdin != null) {
            try {
                stdin.close();
            } catch (IOException e) {
                // already gone
            }
            stdin = null;
        }
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    /** The current generation's pid, or -1 before the first start. */
    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    public synchronized int generation() {
        return generation;
    }

    /** The log of the current generation. */
    public synchronized Path log() {
        return log;
    }

    /** Every log this process wrote, one per generation. */
    public synchronized List<Path> logs() {
        List<Path> all = new ArrayList<>();
        for (int g = 1; g <= generation; g++) {
            all.add(logDir.resolve(name + "-" + g + ".log"));
        }
        return all;
    }

    /** The current generation's GC log, or null when the command writes none. */
    public synchronized Path gcLog() {
        return gcLog;
    }

    /** The current generation's flight recording, or null when the command records none. */
    public synchronized Path jfr() {
        return jfr;
    }

    public synchronized Instant startedAt() {
        return startedAt;
    }

    /** Seconds of the current generation's life at {@code at}: the GC log's time axis. */
    public double uptimeAt(Instant at) {
        return Duration.between(startedAt(), at).toMillis() / 1000.0;
    }

    /** Waits until the current generation's log has a line matching {@code pattern}. */
    public LogMatch awaitLog(Pattern pattern, Duration timeout) {
        return awaitLog(pattern, 0, timeout);
    }

    /**
     * Waits until a line of the current generation's log written after {@code fromOffset} matches; fails
     * when the process exits without having logged it, or when the time is up, quoting the end of the log.
     */
    public LogMatch awaitLog(Pattern pattern, long fromOffset, Duration timeout) {
        Path current = log();
        LogReader reader = new LogReader(current, fromOffset, pattern);
        try {
            return await(name + " logging /" + pattern + "/").atMost(timeout).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        LogMatch match = reader.next();
                        if (match == null && !alive()) {
                            // what it wrote just before exiting counts (a tool prints its result, then ends)
                            match = reader.next();
                            if (match == null) {
                                throw new IllegalStateException(name + " exited before logging /" + pattern + "/; end of " + current
                                        + ":\n" + tail(30));
                            }
                        }
                        return match;
                    }, m -> m != null);
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException(e.getMessage() + "; end of " + current + ":\n" + tail(30), e);
        }
    }

    /** A matching log line, and the offset just after it (to wait for what comes next). */
    public record LogMatch(Matcher matcher, long nextOffset) {
        public String group(int group) {
            return matcher.group(group);
        }
    }

    /** Reads a growing log from an offset, line by line; one char per byte, so offsets stay byte offsets. */
    private static final class LogReader {
        private final Path file;
        private final Pattern pattern;
        private final StringBuilder partial = new StringBuilder();
        private long offset;

        LogReader(Path file, long offset, Pattern pattern) {
            this.file = file;
            this.offset = offset;
            this.pattern = pattern;
        }

        LogMatch next() {
            if (!Files.exists(file)) {
                return null;
            }
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
                while (f.length() > offset) {
                    f.seek(offset);
                    byte[] bytes = new byte[(int) Math.min(f.length() - offset, 1 << 20)];
                    f.readFully(bytes);
                    offset += bytes.length;
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
                // the file appears with the child's first line; read again at the next poll
            }
            return null;
        }
    }

    /** Current size of the log: pass it to {@link #awaitLog(Pattern, long, Duration)} to see only what comes next. */
    public long logOffset() {
        Path current = log();
        try {
            return current != null && Files.exists(current) ? Files.size(current) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** The last {@code lines} lines of the current generation's log. */
    public String tail(int lines) {
        Path current = log();
        try {
            if (current == null || !Files.exists(current)) {
                return "(no output)";
            }
            List<String> all = Files.readAllLines(current, StandardCharsets.ISO_8859_1);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** Whether the current generation's log mentions an OutOfMemoryError. */
    public boolean loggedOutOfMemory() {
        Path current = log();
        if (current == null) {
            return false;
        }
        try (var lines = Files.lines(current, StandardCharsets.ISO_8859_1)) {
            return lines.anyMatch(l -> l.contains("OutOfMemoryError"));
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return name + "#" + generation + (alive() ? " (pid " + pid() + ")" : " (stopped)");
    }
}
