package br.com.cdcplusoft.bench.report;

import br.com.cdcplusoft.bench.baseline.OriginalAlgorithm;
import br.com.cdcplusoft.bench.pipeline.ChangeLatency;
import br.com.cdcplusoft.bench.pipeline.Delivery;
import br.com.cdcplusoft.bench.process.GcLog;
import br.com.cdcplusoft.bench.raw.RawLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** The results as a Markdown document: the summary table with the targets first, details after. */
public final class Report {

    /** RSS may grow this much from the first to the last quarter of the largest run and still count as flat. */
    static final double FLAT_RSS_GROWTH = 0.10;
    /** ... or by this many MB, whichever is more (JIT and buffers settle early in a short run). */
    static final long FLAT_RSS_SLACK_MB = 32;

    private final Results r;
    private final StringBuilder md = new StringBuilder();

    private Report(Results r) {
        this.r = r;
    }

    public static String markdown(Results results) {
        return new Report(results).build();
    }

    private String build() {
        line("# Full re-sync benchmark, " + r.startedAt);
        line("");
        line("- command: `" + r.command + "`");
        line("- machine: " + r.machine);
        line("- load average (1, 5, 15 min) at start: " + r.loadAtStart + "; at end: " + r.loadAtEnd);
        line("- source database: " + r.database);
        line("- broker: " + r.broker);
        line("- receiver: " + r.receiver);
        line("- service heap: -Xmx" + r.heap + " each (standalone: -Xmx" + r.standaloneHeap + ")");
        line("- run folder (logs, GC logs, flight recordings, per-second timelines): " + r.workDir);
        line("");
        summary();
        stages();
        memory();
        idle();
        latency();
        profiles();
        if (!r.notes.isEmpty()) {
            line("## Notes");
            line("");
            r.notes.forEach(n -> line("- " + n));
            line("");
        }
        return md.toString();
    }

    // ------------------------------------------------------------------------------------------ summary

    private void summary() {
        line("## Summary");
        line("");
        line("| Measure | Rows | Time | Rows/s | How |");
        line("|---|---:|---:|---:|---|");
        if (r.producer != null) {
            rate(r.producer);
        }
        r.raw.forEach(this::rate);
        r.baseline.forEach((rows, b) -> line(String.format("| Original algorithm (baseline)%s | %s | %s | %s | %s |",
                b.complete() ? "" : ", stopped early", n(b.rows()), secs(b.seconds()), n(b.rowsPerSecond()),
                String.format("OFFSET/FETCH pages of 1000, one thread, synchronous POST; page query %.0f ms first, %.0f ms last%s",
                        b.firstPageMillis(), b.lastPageMillis(), b.complete() ? "" : "; rate is of the pages done, later pages are slower"))));
        r.pipeline.values().forEach(m -> delivery(m, "POST /vendas/sincronizar?forcar=true, one JVM per service, until the receiver holds every row"));
        if (r.standalone != null) {
            delivery(r.standalone, "the same forced re-sync, all services in one JVM");
        }
        line("");
        line("| Target | Measured | Goal | Met |");
        line("|---|---:|---:|:---:|");
        Delivery.Measure bound = null;
        Delivery.Measure main = r.pipeline.get(r.rows);
        if (main != null && r.producer != null) {
            double ratio = main.rowsPerSecond() / r.producer.perSecond();
            target(String.format("end to end / raw producer at %s rows", n(r.rows)), String.format("%.2f%s", ratio, partial(main)),
                    ">= 0.25", ratio >= 0.25);
        }
        for (Map.Entry<Long, OriginalAlgorithm.Result> b : r.baseline.entrySet()) {
            Delivery.Measure p = r.pipeline.get(b.getKey());
            if (p == null) {
                continue;
            }
            double ratio = p.rowsPerSecond() / b.getValue().rowsPerSecond();
            double goal = b.getKey() >= 5_000_000 ? 5 : 2;
            target(String.format("pipeline / baseline at %s rows", n(b.getKey())),
                    String.format("%.1f%s%s", ratio, partial(p), b.getValue().complete() ? "" : " (baseline stopped early)"),
                    ">= " + (int) goal, ratio >= goal);
        }
        Delivery.Measure small = r.pipeline.get(r.scalingBase);
        Delivery.Measure large = r.pipeline.get(2 * r.scalingBase);
        if (small != null && large != null) {
            // incomplete runs: compare the time per row
            double ratio = (large.seconds() / Math.max(1, large.handled()) * large.rows())
                    / (small.seconds() / Math.max(1, small.handled()) * small.rows());
            target(String.format("time(%s) / time(%s)", n(2 * r.scalingBase), n(r.scalingBase)), String.format("%.2f", ratio),
                    "<= 2.1", ratio <= 2.1);
        }
        ChangeLatency.Result l = r.latency;
        if (l != null) {
            target(String.format("change latency p99, %d changes/s for %.0f s", l.targetRate(), l.writeSeconds()),
                    String.format("%.0f ms%s", l.p99Ms(), l.missing() > 0 ? " (" + l.missing() + " rows never arrived)" : ""),
                    "<= 2000 ms", l.p99Ms() <= 2000 && l.missing() == 0);
        }
        if (!r.pipeline.isEmpty()) {
            Delivery.Measure largest = r.pipeline.values().stream().reduce((a, b) -> b).orElseThrow();
            double worst = 0;
            long worstMb = 0;
            String who = "";
            boolean flat = true;
            for (Delivery.ProcessFigures f : largest.processes()) {
                if (!isService(f.name())) {
                    continue;
                }
                long first = f.rssMbAtQuarter()[0];
                long last = f.rssMbAtQuarter()[3];
                double growth = first <= 0 ? 0 : (last - first) / (double) first;
                flat &= first <= 0 || last - first <= Math.max(FLAT_RSS_GROWTH * first, FLAT_RSS_SLACK_MB);
                if (growth >= worst) {
                    worst = growth;
                    worstMb = last - first;
                    who = f.name();
                }
            }
            bound = largest;
            target(String.format("%s rows at -Xmx%s per service, RSS flat (largest growth, 25%% -> 100%% of the rows)",
                    n(largest.rows()), r.heap), String.format("%+.0f%% / %+d MB (%s)", 100 * worst, worstMb, who),
                    String.format("<= +%.0f%% or +%d MB", 100 * FLAT_RSS_GROWTH, FLAT_RSS_SLACK_MB), flat && largest.complete());
        }
        line("");
        if (bound != null && !bound.processes().isEmpty()) {
            double total = bound.processes().stream().mapToDouble(Delivery.ProcessFigures::cpuSeconds).sum();
            double us = perRow(total, bound);
            Delivery.ProcessFigures top = bound.processes().stream()
                    .max(java.util.Comparator.comparingDouble(Delivery.ProcessFigures::cpuSeconds)).orElseThrow();
            line(String.format("What bounds it: the %s cost %.0f µs of CPU per row across all the processes listed below "
                            + "(%s the most: %.0f µs/row, %.2f of a core); %d cores allow at most %s rows/s at that cost, the run "
                            + "reached %s rows/s using %.2f of %d cores.", bound.label(), us, top.name(), perRow(top.cpuSeconds(), bound),
                    top.cpuShare(bound.seconds()), CORES, n(CORES * 1e6 / us), n(bound.rowsPerSecond()), total / bound.seconds(), CORES));
            line("");
        }
    }

    private static String partial(Delivery.Measure m) {
        return m.complete() ? "" : " (pipeline run stopped at the time limit)";
    }

    private void rate(RawLimits.Rate rate) {
        line(String.format("| Raw: %s | %s | %s | %s | %s |", rate.name(), n(rate.records()), secs(rate.seconds()), n(rate.perSecond()),
                rate.detail()));
    }

    private void delivery(Delivery.Measure m, String how) {
        String rows = m.complete() ? n(m.rows()) : n(m.handled()) + " of " + n(m.rows());
        if (!m.complete()) {
            how = "**stopped at the time limit**, rate of the rows handled; " + how;
        }
        line(String.format("| %s | %s | %s | %s | %s%s |", capitalize(m.label()), rows, secs(m.seconds()), n(m.rowsPerSecond()), how,
                m.deadLettered() == 0 ? "" : String.format("; %,d rows dead-lettered by the pipeline (invalid CPF/CNPJ), counted as handled",
                        m.deadLettered())));
    }

    private void target(String what, String measured, String goal, boolean met) {
        line(String.format("| %s | %s | %s | %s |", what, measured, goal, met ? "yes" : "**no**"));
    }

    // ------------------------------------------------------------------------------------------ details

    private void stages() {
        List<Delivery.Measure> all = runs();
        if (all.isEmpty()) {
            return;
        }
        line("## Stages");
        line("");
        line("When each stage had handled every row, in seconds from the trigger (from the broker's offsets, sampled each second). "
                + "The stage that finishes right before the receiver is the one that bounds the run.");
        line("");
        line("| Run | Change topic complete (extractor) | Mapper caught up | Receiver complete | Gateway run status |");
        line("|---|---:|---:|---:|---|");
        for (Delivery.Measure m : all) {
            JsonNode status = r.runStatus.get(m.label());
            line(String.format("| %s | %s | %s | %s | %s |", m.label(), stage(m.extractorDoneSeconds()), stage(m.mapperDoneSeconds()),
                    secs(m.seconds()), status == null ? "" : runStatus(status)));
        }
        line("");
    }

    private static String runStatus(JsonNode s) {
        JsonNode c = s.path("counts");
        return String.format("%s: read %s, mapped %s, delivered %s, dead-lettered %s", s.path("status").asString(""),
                c.path("read").asString(""), c.path("mapped").asString(""), c.path("delivered").asString(""),
                c.path("deadLettered").asString(""));
    }

    private void memory() {
        List<Delivery.Measure> all = runs();
        if (all.isEmpty()) {
            return;
        }
        line("## CPU and memory per process");
        line("");
        line("CPU: seconds used during the run and share of the machine's 2 cores. Heap: from each JVM's GC log during the run "
                + "(peak in use before a collection / largest after one). RSS: resident memory when 25, 50, 75 and 100% of the rows "
                + "had reached the receiver; peak = VmHWM over the process's life.");
        line("");
        line("| Run | Process | CPU s | CPU share | CPU µs/row | Heap peak / after-GC max MB | GC pauses (ms) | RSS 25/50/75/100% MB | RSS peak MB |");
        line("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        for (Delivery.Measure m : all) {
            double total = 0;
            for (Delivery.ProcessFigures f : m.processes()) {
                GcLog gc = f.gc();
                long[] q = f.rssMbAtQuarter();
                total += f.cpuSeconds();
                line(String.format("| %s | %s | %.0f | %.2f | %.0f | %s | %s | %s / %s / %s / %s | %d |", m.label(), f.name(), f.cpuSeconds(),
                        f.cpuShare(m.seconds()), perRow(f.cpuSeconds(), m), gc.pauses() == 0 ? "" : gc.peakUsedMb() + " / " + gc.maxLiveMb(),
                        gc.pauses() == 0 ? "" : String.format("%d (%.0f)", gc.pauses(), gc.pauseMs()), mb(q[0]), mb(q[1]), mb(q[2]),
                        mb(q[3]), f.hwmMb()));
            }
            line(String.format("| %s | all listed | %.0f | %.2f of %d | %.0f | | | | |", m.label(), total, total / m.seconds(), CORES,
                    perRow(total, m)));
        }
        line("");
    }

    private void idle() {
        if (r.idleCpu.isEmpty()) {
            return;
        }
        line("## Cost of a running pipeline with nothing to do");
        line("");
        line("Share of one core each process used over 20 s with the services up and no change in the source: the extractor's "
                + "polls and look-back sweeps, and what they cost the database.");
        line("");
        for (Map.Entry<Long, Map<String, Double>> e : r.idleCpu.entrySet()) {
            line(String.format("- at %s rows: %s", n(e.getKey()), shares(e.getValue())));
        }
        line("");
    }

    private static String shares(Map<String, Double> shares) {
        StringBuilder sb = new StringBuilder();
        shares.forEach((name, share) -> sb.append(sb.length() == 0 ? "" : ", ").append(name).append(' ')
                .append(String.format("%.2f", share)));
        return sb.toString();
    }

    private void latency() {
        ChangeLatency.Result l = r.latency;
        if (l == null) {
            return;
        }
        line("## Change latency");
        line("");
        line(String.format("%,d sales committed in %.1f s (%.0f/s; target rate %d/s), one coupon with one item per commit batch of 20 ms; "
                        + "%,d reached the receiver, %,d did not within the drain time.", l.written(), l.writeSeconds(), l.achievedRate(),
                l.targetRate(), l.delivered(), l.missing()));
        line("");
        line("| commit -> receiver | p50 | p95 | p99 | max |");
        line("|---|---:|---:|---:|---:|");
        line(String.format("| ms | %.0f | %.0f | %.0f | %.0f |", l.p50Ms(), l.p95Ms(), l.p99Ms(), l.maxMs()));
        line("");
        line("By stage (record timestamps on the change and payload topics; a row's stages do not add up to the same row's total at a "
                + "percentile, and clocks are the same machine's):");
        line("");
        line("| stage | p50 ms | p95 ms | p99 ms |");
        line("|---|---:|---:|---:|");
        for (ChangeLatency.Stage s : l.stages()) {
            line(String.format("| %s | %.0f | %.0f | %.0f |", s.name(), s.p50Ms(), s.p95Ms(), s.p99Ms()));
        }
        line("");
        if (!r.latencyCpu.isEmpty()) {
            line("Share of one core per process during the phase: " + shares(r.latencyCpu));
            line("");
        }
    }

    private void profiles() {
        if (r.profiles.isEmpty()) {
            return;
        }
        line("## Profiles");
        line("");
        line("Execution samples (every 10 ms per running thread) of each service's flight recording during the run: the top methods by self "
                + "time and the busiest threads. Time spent in native code (sockets, RocksDB, compression) does not show as Java samples.");
        line("");
        for (Map.Entry<String, List<Profiles.Profile>> e : r.profiles.entrySet()) {
            line("### " + capitalize(e.getKey()));
            line("");
            for (Profiles.Profile p : e.getValue()) {
                line("**" + p.service() + "** (" + p.samples() + " samples)");
                line("");
                line("```");
                line("-- by package");
                p.packages().forEach(this::line);
                line("-- by method");
                p.hotMethods().forEach(this::line);
                line("-- by thread");
                p.threads().forEach(this::line);
                line("```");
                line("");
            }
        }
    }

    // ------------------------------------------------------------------------------------------ helpers

    private List<Delivery.Measure> runs() {
        List<Delivery.Measure> all = new ArrayList<>();
        all.addAll(r.pipeline.values());
        if (r.standalone != null) {
            all.add(r.standalone);
        }
        return all;
    }

    private static boolean isService(String name) {
        return name.equals("extractor") || name.equals("mapper-streams") || name.equals("plusoft-sink") || name.equals("api-gateway")
                || name.equals("standalone");
    }

    static final int CORES = Runtime.getRuntime().availableProcessors();

    private static double perRow(double cpuSeconds, Delivery.Measure m) {
        return m.handled() <= 0 ? 0 : cpuSeconds * 1e6 / m.handled();
    }

    private static String mb(long value) {
        return value <= 0 ? "-" : Long.toString(value);
    }

    private static String stage(double seconds) {
        return seconds < 0 ? "" : String.format("%.0f s", seconds);
    }

    static String n(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    static String secs(double seconds) {
        return seconds >= 120 ? String.format("%.0f s (%.1f min)", seconds, seconds / 60) : String.format("%.1f s", seconds);
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private void line(String s) {
        md.append(s).append('\n');
    }
}
