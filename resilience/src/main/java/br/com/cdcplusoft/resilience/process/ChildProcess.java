package br.com.cdcplusoft.resilience.process;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One program the suite runs as a separate process, restartable: every start is a new generation
 * with its own log file ({@code <name>-<generation>.log}), standard input from /dev/null. A crash is
 * {@link #kill()} (SIGKILL: no shutdown hook, no flush, no commit); {@link #stop()} is what an
 * orchestrator does (SIGTERM, then SIGKILL after a grace period).
 */
public final class ChildProcess {

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path workDir;
    private final Path logDir;
    private int generation;
    private Process process;
    private Path log;

    ChildProcess(String name, List<String> command, Map<String, String> environment, Path workDir, Path logDir) {
        this.name = name;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.workDir = workDir;
        this.logDir = logDir;
    }

    public String name() {
        return name;
    }

    public ChildProcess start() {
        return start(List.of());
    }

    /** Starts a new generation with {@code extraArgs} appended to the command (e.g. Spring {@code --key=value}). */
    public synchronized ChildProcess start(List<String> extraArgs) {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running (pid " + process.pid() + ")");
        }
        generation++;
        log = logDir.resolve(name + "-" + generation + ".log");
        try {
            Files.createDirectories(workDir);
            Files.createDirectories(logDir);
            List<String> full = new ArrayList<>(command);
            full.addAll(extraArgs);
            ProcessBuilder builder = new ProcessBuilder(full).directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(environment);
            process = builder.start();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    /** SIGKILL, as a crash or an OOM killer would: the process gets no chance to clean up. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(30));
        }
    }

    /** SIGTERM, then SIGKILL when the process has not exited within {@code grace}. */
    public synchronized void stop(Duration grace) {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!waitFor(grace)) {
                process.destroyForcibly();
                waitFor(Duration.ofSeconds(30));
            }
        }
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public synchronized boolean alive() {
        return process != null && process.isAlive();
    }

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

    /** Waits until the current generation's log has a line matching {@code pattern}; fails early when the process exits. */
    public void awaitLog(Pattern pattern, Duration timeout) {
        Path current = log();
        try {
            await(name + " logging /" + pattern + "/").atMost(timeout).pollInterval(Duration.ofMillis(250))
                    .failFast(name + " exited", () -> !alive())
                    .until(() -> contains(current, pattern));
        } catch (ConditionTimeoutException | org.awaitility.core.TerminalFailureException e) {
            throw new IllegalStateException(e.getMessage() + "; end of " + current + ":\n" + tail(current, 40), e);
        }
    }

    static boolean contains(Path file, Pattern pattern) throws IOException {
        if (!Files.exists(file)) {
            return false;
        }
        try (var lines = Files.lines(file, StandardCharsets.ISO_8859_1)) {
            return lines.anyMatch(l -> pattern.matcher(l).find());
        }
    }

    public static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public String toString() {
        return name + "#" + generation + (alive() ? " pid " + pid() : " (stopped)");
    }
}
