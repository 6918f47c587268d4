package br.com.cdcplusoft.dev.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Every child JVM a harness defined, and the promise that none outlives it: {@link #close()} stops
 * them in reverse order of definition (services before the broker they need), and so does a JVM
 * shutdown hook should the harness itself be stopped. Defaults: 15 s of grace on close, SIGKILL at
 * once from the shutdown hook.
 */
public final class Children implements AutoCloseable {

    private final Path logDir;
    private final List<ChildProcess> all = new ArrayList<>();
    private final List<String> jvmArgs = new ArrayList<>();
    private final Thread hook = new Thread(this::onExit, "harness-children");
    private Duration closeGrace = Duration.ofSeconds(15);
    private Duration exitGrace = Duration.ZERO;
    private Path pidFile;

    /** @param logDir where every child's logs go ({@code <name>-<generation>.log}) */
    public Children(Path logDir) {
        this.logDir = logDir;
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** A JVM option every child gets, e.g. a marker that lets a script find the children of one run. */
    public synchronized Children jvmArg(String arg) {
        jvmArgs.add(arg);
        return this;
    }

    /** One "pid name" line per live child, rewritten on every start and stop, for a script to clean up after a killed harness. */
    public synchronized Children pidFile(Path file) {
        this.pidFile = file;
        return this;
    }

    /** How long {@link #close()} lets each child stop after SIGTERM before SIGKILL. */
    public synchronized Children closeGrace(Duration grace) {
        this.closeGrace = grace;
        return this;
    }

    /** The same for the shutdown hook; zero: SIGKILL at once. */
    public synchronized Children exitGrace(Duration grace) {
        this.exitGrace = grace;
        return this;
    }

    /** A child whose standard input is /dev/null. */
    public ChildProcess define(String name, JavaCommand command, Map<String, String> environment, Path workDir) {
        return define(name, command, environment, workDir, false);
    }

    /**
     * A child whose standard input stays open until it is stopped: for mains that take commands there
     * ({@link ChildProcess#send}) or exit when it closes, so that they never outlive a harness that was killed.
     */
    public ChildProcess defineWithInput(String name, JavaCommand command, Map<String, String> environment, Path workDir) {
        return define(name, command, environment, workDir, true);
    }

    private synchronized ChildProcess define(String name, JavaCommand command, Map<String, String> environment, Path workDir,
                                             boolean keepStdin) {
        if (all.stream().anyMatch(c -> c.name().equals(name))) {
            throw new IllegalArgumentException("a child named " + name + " is already defined (its logs would mix)");
        }
        ChildProcess child = new ChildProcess(name, command.copy().jvmArgs(jvmArgs), environment, workDir, logDir, keepStdin, this::writePids);
        all.add(child);
        return child;
    }

    public synchronized List<ChildProcess> all() {
        return List.copyOf(all);
    }

    public Path logDir() {
        return logDir;
    }

    /** SIGTERM in reverse order of definition, each with {@code grace}; SIGKILL to what remains. */
    public void stopAll(Duration grace) {
        List<ChildProcess> reversed = new ArrayList<>(all());
        Collections.reverse(reversed);
        for (ChildProcess child : reversed) {
            if (grace.isZero()) {
                child.kill();
            } else {
                child.stop(grace);
            }
        }
    }

    private void onExit() {
        Duration grace;
        synchronized (this) {
            grace = exitGrace;
        }
        stopAll(grace);
    }

    @Override
    public void close() {
        Duration grace;
        synchronized (this) {
            grace = closeGrace;
        }
        stopAll(grace);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to
        }
    }

    private void writePids() {
        Path file;
        StringBuilder sb = new StringBuilder();
        synchronized (this) {
            file = pidFile;
            for (ChildProcess c : all) {
                if (c.alive()) {
                    sb.append(c.pid()).append(' ').append(c.name()).append('\n');
                }
            }
        }
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, sb.toString());
        } catch (IOException e) {
            // best effort: the shutdown hook still stops them
        }
    }
}
