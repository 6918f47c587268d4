package br.com.cdcplusoft.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a service spent its CPU during a run, from its flight recording: execution samples in the
 * run's time window, counted by the method on top of the stack (self time) and by thread.
 */
public final class Profiles {

    /**
     * @param packages   "12.3% org.apache.kafka" lines: self time by the top frame's package (first three parts)
     * @param hotMethods "12.3% pkg.Class.method" lines
     * @param threads    the same by thread name (numbers folded, so a pool counts once)
     */
    public record Profile(String service, long samples, List<String> packages, List<String> hotMethods, List<String> threads) {
    }

    private Profiles() {
    }

    public static Profile read(String service, Path jfr, Instant from, Instant to, int top) {
        if (jfr == null || !Files.exists(jfr)) {
            return new Profile(service, 0, List.of(), List.of(), List.of());
        }
        Map<String, Integer> packages = new HashMap<>();
        Map<String, Integer> methods = new HashMap<>();
        Map<String, Integer> threads = new HashMap<>();
        long samples = 0;
        try (RecordingFile file = new RecordingFile(jfr)) {
            while (file.hasMoreEvents()) {
                RecordedEvent e = file.readEvent();
                if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
                    continue;
                }
                Instant at = e.getStartTime();
                if (at.isBefore(from) || at.isAfter(to)) {
                    continue;
                }
                samples++;
                RecordedStackTrace stack = e.getStackTrace();
                String method = "(no stack)";
                String pkg = "(no stack)";
                if (stack != null && !stack.getFrames().isEmpty()) {
                    RecordedFrame f = stack.getFrames().get(0);
                    method = f.getMethod().getType().getName() + "." + f.getMethod().getName();
                    pkg = packageOf(f.getMethod().getType().getName());
                }
                methods.merge(method, 1, Integer::sum);
                packages.merge(pkg, 1, Integer::sum);
                RecordedThread thread = e.getThread("sampledThread");
                threads.merge(thread == null ? "?" : normalize(thread.getJavaName()), 1, Integer::sum);
            }
        } catch (IOException e) {
            return new Profile(service, 0, List.of("(unreadable recording: " + e.getMessage() + ")"), List.of(), List.of());
        }
        return new Profile(service, samples, topOf(packages, samples, top), topOf(methods, samples, top), topOf(threads, samples, top));
    }

    /** "org.apache.kafka" of "org.apache.kafka.common.Foo", "java.util" of "java.util.HashMap". */
    static String packageOf(String className) {
        String[] parts = className.split("\\.");
        int n = Math.min(3, parts.length - 1);
        return n <= 0 ? className : String.join(".", java.util.Arrays.copyOf(parts, n));
    }

    /** Thread names without their running number, so a pool counts as one: "kafka-producer-network-thread | producer-#". */
    static String normalize(String name) {
        return name == null ? "?" : name.replaceAll("\\d+", "#");
    }

    private static List<String> topOf(Map<String, Integer> counts, long total, int top) {
        List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
        List<String> out = new ArrayList<>();
        for (int i = 0; i < Math.min(top, entries.size()); i++) {
            out.add(String.format("%5.1f%% %s", 100.0 * entries.get(i).getValue() / total, entries.get(i).getKey()));
        }
        return out;
    }
}
