package br.com.cdcplusoft.bench.pipeline;

import br.com.cdcplusoft.bench.Pause;
import br.com.cdcplusoft.bench.Console;
import br.com.cdcplusoft.bench.process.GcLog;
import br.com.cdcplusoft.bench.process.ProcStats;
import br.com.cdcplusoft.bench.process.Watched;
import br.com.cdcplusoft.dev.simulator.PlusoftSimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Times a full load end to end: from the trigger until the receiver holds every row (distinct
 * identities, so a retried batch cannot finish a run early), sampling on the way what each
 * process costs (CPU, resident memory at each quarter of the rows, heap from its GC log) and
 * where each stage stands on the broker, into a per-second CSV timeline.
 */
public final class Delivery {

    /**
     * @param rssMbAtQuarter resident memory when 25, 50, 75 and 100% of the rows had arrived
     * @param cpuSeconds     CPU the process used during the run
     * @param hwmMb          peak resident memory since the process started
     */
    public record ProcessFigures(String name, double cpuSeconds, long[] rssMbAtQuarter, long hwmMb, GcLog gc) {
        public double cpuShare(double seconds) {
            return seconds <= 0 ? 0 : cpuSeconds / seconds;
        }
    }

    /**
     * @param extractorDoneSeconds when the change topic held every row (from the trigger), or -1
     * @param mapperDoneSeconds    when the mapper had committed past every row, or -1
     */
    /**
     * @param rows         rows of the load
     * @param handled      rows at the receiver or dead-lettered when the measure ended (= rows when complete)
     * @param complete     false when the time limit ended the measure first
     * @param deadLettered rows the pipeline refused (dead-letter topics), part of handled
     */
    public record Measure(String label, long rows, long handled, boolean complete, double seconds, Instant start, Instant end,
                          List<ProcessFigures> processes, double extractorDoneSeconds, double mapperDoneSeconds, long deadLettered,
                          Path timeline) {
        public double rowsPerSecond() {
            return seconds <= 0 ? 0 : handled / seconds;
        }
    }

    private Delivery() {
    }

    /**
     * @param trigger   starts the load (after the receiver was reset and the clocks started)
     * @param watched   processes to report on
     * @param timeout   end the measure (incomplete) after this long
     * @param stall     fail when the receiver gains nothing for this long
     */
    public static Measure await(String label, PlusoftSimulator receiver, String entity, long rows, Runnable trigger,
                                List<Watched> watched, KafkaProgress kafka, String bootstrap, Duration timeout, Duration stall,
                                Path timelineCsv) {
        try (DeadLetters deadLetters = new DeadLetters(bootstrap, entity)) {
            return await(label, receiver, entity, rows, trigger, watched, kafka, deadLetters, timeout, stall, timelineCsv);
        }
    }

    private static Measure await(String label, PlusoftSimulator receiver, String entity, long rows, Runnable trigger,
                                 List<Watched> watched, KafkaProgress kafka, DeadLetters deadLetters, Duration timeout, Duration stall,
                                 Path timelineCsv) {
        receiver.reset();
        Map<String, ProcStats> before = new LinkedHashMap<>();
        for (Watched w : watched) {
            before.put(w.name(), w.stats());
        }
        Map<String, long[]> rssQuarter = new LinkedHashMap<>();
        watched.forEach(w -> rssQuarter.put(w.name(), new long[4]));
        StringBuilder csv = new StringBuilder("seconds,received,distinct,dead_lettered,change_topic_end,mapper_committed,payload_topic_end,sink_committed");
        watched.forEach(w -> csv.append(',').append(w.name()).append("_rss_mb,").append(w.name()).append("_cpu_s"));
        csv.append('\n');
        List<double[]> stages = new ArrayList<>();
        Instant start = Instant.now();
        long t0 = System.nanoTime();
        trigger.run();
        long lastProgress = t0;
        long lastDistinct = 0;
        long nextSample = t0;
        long nextReport = t0 + 10_000_000_000L;
        int quarter = 0;
        long refused = 0;
        long handled = 0;
        boolean complete = true;
        while (true) {
            long now = System.nanoTime();
            PlusoftSimulator.Counts counts = receiver.counts(entity);
            refused = deadLetters.count();
            // rows handled: at the receiver, or refused into a dead-letter topic
            long distinct = counts.distinct() + refused;
            handled = distinct;
            while (quarter < 4 && distinct >= rows * (quarter + 1) / 4) {
                for (Watched w : watched) {
                    rssQuarter.get(w.name())[quarter] = w.stats().rssMb();
                }
                quarter++;
            }
            if (distinct != lastDistinct) {
                lastDistinct = distinct;
                lastProgress = now;
            }
            if (now >= nextSample || distinct >= rows) {
                double t = (now - t0) / 1e9;
                KafkaProgress.Snapshot k = kafka.snapshot();
                stages.add(new double[] {t, k.changeEnd(), k.mapperCommitted()});
                csv.append(String.format("%.1f,%d,%d,%d,%d,%d,%d,%d", t, counts.records(), counts.distinct(), refused, k.changeEnd(), k.mapperCommitted(),
                        k.payloadEnd(), k.sinkCommitted()));
                for (Watched w : watched) {
                    ProcStats s = w.stats();
                    csv.append(String.format(",%d,%.1f", s.rssMb(), s.cpuSeconds() - before.get(w.name()).cpuSeconds()));
                }
                csv.append('\n');
                nextSample = now + 1_000_000_000L;
            }
            if (distinct >= rows) {
                break;
            }
            if (now - t0 > timeout.toNanos()) {
                complete = false;
                Console.say("pipeline", String.format("%s: time limit of %d s reached with %,d of %,d rows; stopping the measure",
                        label, timeout.toSeconds(), distinct, rows));
                break;
            }
            if (now >= nextReport) {
                double t = (now - t0) / 1e9;
                Console.say("pipeline", String.format("%s: %,d of %,d rows at the receiver after %.0f s (%.0f rows/s)", label,
                        distinct, rows, t, distinct / t));
                nextReport = now + 10_000_000_000L;
            }
            for (Watched w : watched) {
                if (w.child() != null && !w.child().alive()) {
                    throw new IllegalStateException(label + ": " + w.name() + " exited during the run"
                            + (w.child().loggedOutOfMemory() ? " (OutOfMemoryError)" : "") + "; end of " + w.child().log()
                            + ":\n" + w.child().tail(40));
                }
            }
            if (now - lastProgress > stall.toNanos()) {
                throw new IllegalStateException(String.format("%s stalled: %,d of %,d rows handled (%,d dead-lettered), nothing more for %d s"
                        + " (timeline: %s)", label, distinct, rows, refused, stall.toSeconds(), write(timelineCsv, csv)));
            }
            Pause.millis(100);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Instant end = Instant.now();
        List<ProcessFigures> figures = new ArrayList<>();
        for (Watched w : watched) {
            ProcStats after = w.stats();
            if (quarter < 4) {
                // ended early: the last column shows where memory stood when the measure stopped
                rssQuarter.get(w.name())[3] = after.rssMb();
            }
            figures.add(new ProcessFigures(w.name(), after.cpuSeconds() - before.get(w.name()).cpuSeconds(), rssQuarter.get(w.name()),
                    after.hwmMb(), w.gc(start, end)));
        }
        write(timelineCsv, csv);
        double changeFinal = stages.isEmpty() ? -1 : stages.get(stages.size() - 1)[1];
        return new Measure(label, rows, handled, complete, seconds, start, end, figures, firstAtLeast(stages, 1, changeFinal),
                firstAtLeast(stages, 2, changeFinal), refused, timelineCsv);
    }

    /** First sample time at which column {@code col} reached {@code value}, or -1. */
    private static double firstAtLeast(List<double[]> stages, int col, double value) {
        if (value < 0) {
            return -1;
        }
        for (double[] s : stages) {
            if (s[col] >= value) {
                return s[0];
            }
        }
        return -1;
    }

    private static Path write(Path file, StringBuilder csv) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, csv);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
