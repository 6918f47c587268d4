package br.com.cdcplusoft.bench.process;

import br.com.cdcplusoft.dev.harness.ChildProcess;
import java.time.Instant;

/**
 * A process whose CPU and memory a measurement reports: a child, or the benchmark's own JVM (which
 * hosts the receiver and the baseline).
 *
 * @param child the child process, or null for the benchmark itself
 */
public record Watched(String name, long pid, ChildProcess child) {

    public static Watched of(ChildProcess child) {
        return new Watched(child.name(), child.pid(), child);
    }

    public static Watched self(String name) {
        return new Watched(name, ProcessHandle.current().pid(), null);
    }

    public ProcStats stats() {
        return ProcStats.of(pid);
    }

    /** Heap figures from the child's GC log between two instants (none for the benchmark itself). */
    public GcLog gc(Instant from, Instant to) {
        if (child == null || child.gcLog() == null) {
            return GcLog.NONE;
        }
        return GcLog.read(child.gcLog(), child.uptimeAt(from), child.uptimeAt(to));
    }
}
