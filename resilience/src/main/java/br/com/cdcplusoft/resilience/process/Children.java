package br.com.cdcplusoft.resilience.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every process the suite started. {@link #close()} kills them all (also from a JVM shutdown hook,
 * so a suite that is itself killed leaves no broker or service behind).
 */
public final class Children implements AutoCloseable {

    private final Path logDir;
    private final List<ChildProcess> all = new ArrayList<>();
    private final Thread hook = new Thread(this::killAll, "resilience-children");

    public Children(Path logDir) {
        this.logDir = logDir;
        Runtime.getRuntime().addShutdownHook(hook);
    }

    public synchronized ChildProcess define(String name, List<String> command, Map<String, String> environment, Path workDir) {
        ChildProcess child = new ChildProcess(name, command, environment, workDir, logDir);
        all.add(child);
        return child;
    }

    public synchronized List<ChildProcess> all() {
        return List.copyOf(all);
    }

    public Path logDir() {
        return logDir;
    }

    private void killAll() {
        for (ChildProcess child : all()) {
            child.kill();
        }
    }

    /**
     * SIGTERM in reverse start order (services before the broker they need), each with a short grace
     * so its log ends cleanly; SIGKILL to what remains.
     */
    @Override
    public void close() {
        List<ChildProcess> reversed = new ArrayList<>(all());
        java.util.Collections.reverse(reversed);
        for (ChildProcess child : reversed) {
            child.stop(Duration.ofSeconds(15));
        }
        killAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to
        }
    }
}
