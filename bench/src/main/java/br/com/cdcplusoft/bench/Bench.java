package br.com.cdcplusoft.bench;

import br.com.cdcplusoft.bench.baseline.OriginalAlgorithm;
import br.com.cdcplusoft.bench.infra.H2Source;
import br.com.cdcplusoft.bench.infra.PostgresSource;
import br.com.cdcplusoft.bench.infra.SourceDatabase;
import br.com.cdcplusoft.bench.pipeline.ChangeLatency;
import br.com.cdcplusoft.bench.pipeline.CursorSeed;
import br.com.cdcplusoft.bench.pipeline.Delivery;
import br.com.cdcplusoft.bench.pipeline.KafkaProgress;
import br.com.cdcplusoft.bench.process.Watched;
import br.com.cdcplusoft.bench.raw.RawLimits;
import br.com.cdcplusoft.bench.report.Profiles;
import br.com.cdcplusoft.bench.report.Report;
import br.com.cdcplusoft.bench.report.Results;
import br.com.cdcplusoft.core.catalog.TopicCatalog;
import br.com.cdcplusoft.dev.demo.DemoScale;
import br.com.cdcplusoft.dev.harness.Broker;
import br.com.cdcplusoft.dev.harness.ChildProcess;
import br.com.cdcplusoft.dev.harness.Children;
import br.com.cdcplusoft.dev.harness.GatewayClient;
import br.com.cdcplusoft.dev.harness.JavaCommand;
import br.com.cdcplusoft.dev.harness.Services;
import br.com.cdcplusoft.dev.simulator.PlusoftSimulator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * The full re-sync benchmark, in one run on one machine: generates the vendas rows, measures the
 * raw limits (Kafka producer, JDBC, HTTP), runs the original algorithm, then the pipeline's forced
 * re-sync end to end with one JVM per service and in the standalone JVM, the change latency under
 * load, and the scaling from 1M to 2M rows; prints the table and writes it to
 * {@code bench-results/<timestamp>.md}. Every process it starts is stopped when it ends, failed or not.
 *
 * <p>Phases run in this order, at growing row counts (data is only ever added):
 * <ol>
 *   <li>at min(N, 1M) rows: [raw limits if N = 1M], baseline, the pipeline's forced re-sync [then the change latency
 *       and the standalone JVM's forced re-sync if N = 1M];</li>
 *   <li>at 2 x min(N, 1M) rows: the pipeline's forced re-sync again (time(2M)/time(1M));</li>
 *   <li>at N rows when N > 2M: raw limits, baseline, forced re-sync, change latency, standalone.</li>
 * </ol>
 */
public final class Bench {

    private static final List<String> PIPELINE_MODULES = List.of(Services.GATEWAY, Services.MAPPER, Services.SINK, Services.EXTRACTOR);
    private static final String API_KEY = "bench-api-key-0123456789";
    private static final String PLUSOFT_TOKEN = "bench-token";
    private static final String VERSION = "1.0.0-SNAPSHOT";
    private static final Duration CHILD_STOP_GRACE = Duration.ofSeconds(20);

    private final BenchOptions options;
    private final Results results = new Results();
    private final Path work;
    private final Children children;
    private Services services;
    private final Path benchJar;
    private final String classpath;
    private boolean failed;
    private boolean pipelineUsable;
    private final java.util.concurrent.atomic.AtomicBoolean reported = new java.util.concurrent.atomic.AtomicBoolean();

    private Bench(BenchOptions options, String command) {
        this.options = options;
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        this.work = options.work().resolve(stamp);
        String marker = "bench-" + stamp;
        // the marker names the run that started a child: run.sh kills only processes carrying it
        this.children = new Children(work.resolve("logs")).jvmArg("-Dbench.child=" + marker).pidFile(work.resolve("children.pids"))
                .closeGrace(CHILD_STOP_GRACE).exitGrace(CHILD_STOP_GRACE);
        this.benchJar = codeLocation();
        this.classpath = benchJar + java.io.File.pathSeparator + benchJar.resolveSibling("lib").resolve("*");
        results.command = command;
        results.startedAt = stamp;
        results.rows = options.rows();
        results.scalingBase = options.scalingBase();
        results.heap = options.heap();
        results.standaloneHeap = options.standaloneHeap();
        results.workDir = work.toString();
        // killed (Ctrl-C, timeout): still leave what was measured so far
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!reported.get()) {
                results.notes.add("The benchmark was interrupted: the figures above are those measured before.");
                writeReport();
            }
        }, "bench-report"));
    }

    public static void main(String[] args) {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (BenchOptions.HelpRequested e) {
            System.out.println(BenchOptions.USAGE);
            return;
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage() + "\n\n" + BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        Bench bench = new Bench(options, "bench/run.sh " + String.join(" ", args));
        int code = bench.run();
        System.exit(code);
    }

    private int run() {
        try {
            Files.createDirectories(work);
            checkPortsFree();
            results.machine = Machine.describe();
            results.loadAtStart = Machine.loadAverage();
            Console.say("bench", String.format("%,d rows, database %s, run folder %s", options.rows(),
                    options.db().name().toLowerCase(), work));
            Console.say("bench", "load average at start: " + results.loadAtStart + " (2 cores: figures taken on a busy machine are not final)");
            Broker broker = startBroker();
            String bootstrap = broker.bootstrapServers();
            results.broker = "Apache Kafka " + org.apache.kafka.common.utils.AppInfoParser.getVersion()
                    + ", one KRaft node (pipeline-dev LocalKafkaBroker) in its own JVM (-Xmx1g), data under the run folder";
            PlusoftSimulator receiver = PlusoftSimulator.start(options.receiverPort());
            results.receiver = "PlusoftSimulator (pipeline-dev) in the benchmark's JVM on " + receiver.baseUri()
                    + ": parses each body, counts records and distinct identities";
            try (SourceDatabase db = openDatabase()) {
                results.database = db.label();
                measure(db, broker, bootstrap, receiver);
            } finally {
                receiver.close();
            }
        } catch (Exception e) {
            failed = true;
            results.notes.add("The benchmark stopped on an error: " + e.getMessage());
            Console.say("bench", "FAILED: " + e.getMessage());
            e.printStackTrace(System.out);
        } finally {
            children.close();
            results.loadAtEnd = Machine.loadAverage();
            writeReport();
        }
        return failed ? 1 : 0;
    }

    private void measure(SourceDatabase db, Broker broker, String bootstrap, PlusoftSimulator receiver) throws Exception {
        long base = options.scalingBase();
        TreeSet<Long> sizes = new TreeSet<>(List.of(base, options.rows()));
        if (options.runs("scaling") && options.runs("pipeline")) {
            sizes.add(2 * base);
        }
        DemoScale scale = DemoScale.forVendaItems((int) Math.min(Integer.MAX_VALUE, options.rows()));
        services = new Services(children, settings(db, bootstrap, receiver));
        List<String> missing = services.missing(PIPELINE_MODULES);
        pipelineUsable = options.runs("pipeline") && missing.isEmpty();
        if (!missing.isEmpty() && options.runs("pipeline")) {
            note("Pipeline phases skipped: no exec jar for " + String.join(", ", missing)
                    + " (build with `mvn -B -q -DskipTests package` at the repository root)");
        }
        for (long size : sizes) {
            long rows = db.grow(size, scale).rows();
            boolean main = size == options.rows();
            Console.say("bench", String.format("--- %,d rows%s", rows, main ? " (the run's size)" : ""));
            if (main && options.runs("raw")) {
                phase("raw limits", () -> raw(db, bootstrap, receiver, rows));
            }
            if (options.runs("baseline") && (main || size == 1_000_000)) {
                phase("baseline at " + rows, () -> baseline(db, receiver, rows));
            }
            boolean scalingPoint = size == base || size == 2 * base;
            if (pipelineUsable && (main || scalingPoint)) {
                phase("pipeline at " + rows, () -> pipeline(db, broker, bootstrap, receiver, rows, main));
            } else if (options.runs("pipeline") && missing.isEmpty()) {
                note(String.format("Pipeline run at %,d rows skipped: an earlier run did not finish within its time limit", rows));
            }
            if (main && options.runs("standalone")) {
                if (!pipelineUsable) {
                    note("Standalone run skipped: the pipeline could not finish a full load within its time limit (see above)");
                } else if (services.missing(List.of(Services.STANDALONE)).isEmpty()) {
                    phase("standalone at " + rows, () -> standalone(db, broker, bootstrap, receiver, rows));
                } else {
                    note("Standalone phase skipped: standalone/target/standalone-1.0.0-SNAPSHOT-exec.jar is not built");
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------ phases

    private void raw(SourceDatabase db, String bootstrap, PlusoftSimulator receiver, long rows) throws Exception {
        Console.say("raw", String.format("Kafka producer: %,d change events with the pipeline's producer settings", options.producerRecords()));
        results.producer = RawLimits.producer(db, bootstrap, children, classpath, work.resolve("raw"), options.producerRecords());
        Console.say("raw", String.format("Kafka producer: %,.0f records/s", results.producer.perSecond()));
        long jdbcRows = Math.min(rows, 1_000_000);
        Console.say("raw", String.format("JDBC: full scan of %,d rows", jdbcRows));
        RawLimits.Rate scan = RawLimits.jdbcScan(db, jdbcRows);
        results.raw.add(scan);
        Console.say("raw", String.format("JDBC full scan: %,.0f rows/s", scan.perSecond()));
        RawLimits.Rate ranges = RawLimits.jdbcRanges(db, jdbcRows, Duration.ofMinutes(5));
        results.raw.add(ranges);
        Console.say("raw", String.format("JDBC bounded key ranges: %,.0f rows/s (%,d rows)", ranges.perSecond(), ranges.records()));
        Console.say("raw", "JDBC: unbounded keyset chunks, for comparison (at most 2 minutes)");
        RawLimits.Rate keyset = RawLimits.jdbcKeyset(db, jdbcRows, Duration.ofMinutes(2));
        results.raw.add(keyset);
        Console.say("raw", String.format("JDBC unbounded keyset chunks: %,.0f rows/s (%,d rows)", keyset.perSecond(), keyset.records()));
        for (int threads : new int[] {1, 4}) {
            receiver.reset();
            RawLimits.Rate http = RawLimits.http(db, receiver.baseUri(), threads, options.httpDuration());
            results.raw.add(http);
            Console.say("raw", String.format("HTTP POST, %d thread(s): %,.0f records/s", threads, http.perSecond()));
        }
        receiver.reset();
    }

    private void baseline(SourceDatabase db, PlusoftSimulator receiver, long rows) throws Exception {
        receiver.reset();
        Console.say("baseline", String.format("original algorithm over %,d rows (stops after %d min)", rows,
                options.baselineMaxTime().toMinutes()));
        OriginalAlgorithm.Result b = OriginalAlgorithm.run(db, receiver.baseUri(), options.baselineMaxTime());
        long received = receiver.counts("vendas").distinct();
        if (b.complete() && received != rows) {
            throw new IllegalStateException(String.format("the baseline posted %,d rows but the receiver holds %,d", b.rows(), received));
        }
        results.baseline.put(rows, b);
        Console.say("baseline", String.format("%,d rows in %.1f s: %,.0f rows/s%s", b.rows(), b.seconds(), b.rowsPerSecond(),
                b.complete() ? "" : " (stopped early)"));
        receiver.reset();
    }

    private void pipeline(SourceDatabase db, Broker broker, String bootstrap, PlusoftSimulator receiver, long rows,
                          boolean main) throws Exception {
        List<ChildProcess> started = new ArrayList<>();
        try (KafkaProgress kafka = new KafkaProgress(bootstrap, "vendas")) {
            started.add(services.start(Services.GATEWAY, List.of("--gateway.nightly.enabled=false")));
            started.add(services.start(Services.MAPPER, List.of()));
            started.add(services.start(Services.SINK, List.of()));
            // a pipeline that has been running: the extractor polls from the newest rows instead of loading everything first
            CursorSeed.seed(db, bootstrap, TopicCatalog.defaults().extractorCursors().name());
            started.add(services.start(Services.EXTRACTOR, List.of()));
            // the extractor's first look-back sweep (15 s after its start) re-sends the newest rows, which it does not
            // remember across restarts: let it pass before the idle measure and the clock start
            Pause.millis(30_000);
            // what a running pipeline costs with nothing to do: the extractor's polls, on the database too
            results.idleCpu.put(rows, cpuShares(watched(started, broker, db), () -> Pause.millis(20_000)));
            Console.say("pipeline", "idle (polling only), share of a core: " + results.idleCpu.get(rows));
            GatewayClient gateway = new GatewayClient(services.port(Services.GATEWAY), API_KEY);
            warmUp(gateway);
            long viewRows = viewRows(db);
            String label = "forced re-sync at " + n(viewRows) + " (4 JVMs)";
            Delivery.Measure forced = forced(label, gateway, receiver, viewRows, watched(started, broker, db), kafka, bootstrap);
            results.pipeline.put(rows, forced);
            if (!forced.complete()) {
                // stop the re-sync (it runs in the gateway) and let the rest of the pipeline finish what was extracted
                pipelineUsable = false;
                ChildProcess gw = started.remove(0);
                services.stop(gw);
                drain(kafka);
            }
            if (main && options.runs("latency")) {
                Pause.millis(5_000);
                ChangeLatency.Result[] result = new ChangeLatency.Result[1];
                results.latencyCpu.putAll(cpuShares(watched(started, broker, db), () -> {
                    try {
                        result[0] = ChangeLatency.run(db, receiver, bootstrap, options.latencyRate(), options.latencyDuration(),
                                Duration.ofSeconds(60));
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException("the latency writer failed: " + e.getMessage(), e);
                    }
                }));
                ChangeLatency.Result l = result[0];
                results.latency = l;
                Console.say("latency", String.format("p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms (%,d of %,d rows arrived)",
                        l.p50Ms(), l.p95Ms(), l.p99Ms(), l.maxMs(), l.delivered(), l.written()));
            }
            stopAll(started);
            profile(label, started, forced);
        } finally {
            stopAll(started);
        }
    }

    /** Waits (at most 5 minutes) until the mapper and the sink have committed everything on their input topics. */
    private static void drain(KafkaProgress kafka) {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        Console.say("pipeline", "waiting for the mapper and the sink to finish the rows already extracted");
        while (System.nanoTime() < deadline) {
            KafkaProgress.Snapshot s = kafka.snapshot();
            // committed offsets stop a few records short of the end: transaction and run-end markers
            if (s.changeEnd() >= 0 && s.changeEnd() - s.mapperCommitted() <= 20 && s.payloadEnd() - s.sinkCommitted() <= 20) {
                return;
            }
            Pause.millis(2_000);
        }
        Console.say("pipeline", "the mapper or the sink still has a backlog after 5 minutes; going on");
    }

    private void standalone(SourceDatabase db, Broker broker, String bootstrap, PlusoftSimulator receiver, long rows) throws Exception {
        List<ChildProcess> started = new ArrayList<>();
        try (KafkaProgress kafka = new KafkaProgress(bootstrap, "vendas")) {
            started.add(services.start(Services.STANDALONE, List.of("--gateway.nightly.enabled=false")));
            Pause.millis(20_000);
            GatewayClient gateway = new GatewayClient(services.port(Services.STANDALONE), API_KEY);
            warmUp(gateway);
            // the latency phase added rows
            long viewRows = viewRows(db);
            String label = "forced re-sync at " + n(viewRows) + " (standalone JVM)";
            results.standalone = forced(label, gateway, receiver, viewRows, watched(started, broker, db), kafka, bootstrap);
            stopAll(started);
            profile(label, started, results.standalone);
        } finally {
            stopAll(started);
        }
    }

    private Delivery.Measure forced(String label, GatewayClient gateway, PlusoftSimulator receiver, long rows, List<Watched> watched,
                                    KafkaProgress kafka, String bootstrap) {
        String[] runId = new String[1];
        Console.say("pipeline", label + ": POST /vendas/sincronizar?forcar=true");
        Delivery.Measure m = Delivery.await(label, receiver, "vendas", rows, () -> runId[0] = startResync(gateway, "vendas"), watched, kafka, bootstrap,
                options.runTimeoutFor(rows), options.stall(), work.resolve("timeline-" + label.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + ".csv"));
        Console.say("pipeline", String.format("%s: %,d rows in %.1f s = %,.0f rows/s (%,d dead-lettered; run %s)%s", label, m.handled(),
                m.seconds(), m.rowsPerSecond(), m.deadLettered(), runId[0], m.complete() ? "" : " -- INCOMPLETE"));
        JsonNode status = null;
        for (int i = 0; i < (m.complete() ? 30 : 1); i++) {
            status = gateway.run(runId[0]);
            if (status != null && "COMPLETED".equals(status.path("status").asString(""))) {
                break;
            }
            Pause.millis(1_000);
        }
        if (status != null) {
            results.runStatus.put(label, status);
        }
        return m;
    }

    /**
     * A forced re-sync of produtos (thousands of rows) through the same code paths first, so that the
     * timed run meets services whose JIT has compiled them, as a pipeline that has been running has:
     * on 2 shared cores a cold mapper spends its first seconds in the interpreter and the compiler.
     */
    private static void warmUp(GatewayClient gateway) {
        String runId = startResync(gateway, "produtos");
        long start = System.nanoTime();
        long deadline = start + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status = gateway.run(runId);
            if (status != null && status.path("status").asString("").matches("COMPLETED|FAILED")) {
                Console.say("pipeline", String.format("warm-up: forced re-sync of produtos %s in %.0f s (%s rows delivered)",
                        status.path("status").asString(), (System.nanoTime() - start) / 1e9,
                        status.path("counts").path("delivered").asString("?")));
                return;
            }
            Pause.millis(1_000);
        }
        Console.say("pipeline", "warm-up: the produtos re-sync did not complete in 5 minutes; going on");
    }

    /** POST the re-sync; a 409 while the extractor's own run is still reported as extracting is retried. */
    private static String startResync(GatewayClient gateway, String entity) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            try {
                return gateway.forcedResync(entity);
            } catch (GatewayClient.Refused e) {
                if (e.status() != 409 || System.nanoTime() > deadline) {
                    throw e;
                }
                Pause.millis(1_000);
            }
        }
    }

    private void profile(String label, List<ChildProcess> stopped, Delivery.Measure m) {
        if (!options.profile()) {
            return;
        }
        List<Profiles.Profile> list = new ArrayList<>();
        for (ChildProcess c : stopped) {
            list.add(Profiles.read(c.name(), c.jfr(), m.start(), m.end(), 12));
        }
        results.profiles.put(label, list);
    }

    private void stopAll(List<ChildProcess> started) {
        for (int i = started.size() - 1; i >= 0; i--) {
            if (started.get(i).alive()) {
                services.stop(started.get(i));
            }
        }
    }

    /** Share of one core each process used while {@code work} ran. */
    private static Map<String, Double> cpuShares(List<Watched> watched, Runnable work) {
        Map<String, Double> before = new java.util.LinkedHashMap<>();
        watched.forEach(w -> before.put(w.name(), w.stats().cpuSeconds()));
        long start = System.nanoTime();
        work.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Double> shares = new java.util.LinkedHashMap<>();
        watched.forEach(w -> shares.put(w.name(), Math.round((w.stats().cpuSeconds() - before.get(w.name())) / seconds * 100) / 100.0));
        return shares;
    }

    private List<Watched> watched(List<ChildProcess> services, Broker broker, SourceDatabase db) {
        List<Watched> list = new ArrayList<>();
        services.forEach(s -> list.add(Watched.of(s)));
        list.add(Watched.of(broker.process()));
        if (db instanceof H2Source h2) {
            list.add(Watched.of(h2.process()));
        }
        list.add(Watched.self("bench (receiver)"));
        return list;
    }

    private static long viewRows(SourceDatabase db) throws java.sql.SQLException {
        try (java.sql.Connection c = db.connect()) {
            return br.com.cdcplusoft.bench.data.VendasGenerator.rows(c);
        }
    }

    // ------------------------------------------------------------------------------------------ infrastructure

    private Broker startBroker() {
        Console.say("bench", "starting the Kafka broker on 127.0.0.1:" + options.kafkaPort());
        return Broker.define(children, JavaCommand.create().heap("1g").gcLog(), classpath, work.resolve("kafka").resolve("data"),
                options.kafkaPort()).start();
    }

    private SourceDatabase openDatabase() throws Exception {
        if (options.db() == BenchOptions.Db.POSTGRES) {
            Console.say("bench", "source database: PostgreSQL at " + options.pgUrl());
            return PostgresSource.open(options.pgUrl(), options.pgUser(), options.pgPassword(), true);
        }
        Console.say("bench", "starting the H2 database server on 127.0.0.1:" + options.h2Port());
        // the source database, not a service under test: at 5M rows 1 GB of heap kept H2 collecting garbage (1.15 cores)
        return H2Source.start(children, classpath, work.resolve("h2"), options.h2Port(), "4g", options.h2CacheKb());
    }

    private Services.Settings settings(SourceDatabase db, String bootstrap, PlusoftSimulator receiver) {
        return Services.Settings.builder().jarsInTargets(options.repo(), VERSION).work(work.resolve("services"))
                .kafka(bootstrap).consinco(new Services.Consinco(db.url(), db.user(), db.password(), db.driverJar()))
                .plusoft(receiver.baseUri(), PLUSOFT_TOKEN).apiKey(API_KEY).ports(options.servicePorts())
                .heap(options.heap()).heap(Services.STANDALONE, options.standaloneHeap()).gcLog(true).flightRecording(options.profile())
                .args(options.serviceArgs()).build();
    }

    private void checkPortsFree() {
        List<Integer> ports = new ArrayList<>(options.servicePorts().values());
        ports.add(options.kafkaPort());
        ports.add(options.kafkaPort() + 1);
        ports.add(options.receiverPort());
        if (options.db() == BenchOptions.Db.H2) {
            ports.add(options.h2Port());
        }
        for (int port : ports) {
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            } catch (IOException e) {
                throw new IllegalStateException("port " + port + " is in use (another benchmark still running?); choose others with --base-port");
            }
        }
    }

    // ------------------------------------------------------------------------------------------ helpers

    private interface Phase {
        void run() throws Exception;
    }

    private void phase(String name, Phase phase) {
        try {
            phase.run();
        } catch (Exception e) {
            failed = true;
            note("Phase '" + name + "' failed: " + e.getMessage());
            Console.say("bench", "phase '" + name + "' FAILED: " + e.getMessage());
            e.printStackTrace(System.out);
        }
    }

    private void note(String note) {
        results.notes.add(note);
    }

    private void writeReport() {
        if (!reported.compareAndSet(false, true)) {
            return;
        }
        if (results.loadAtEnd == null) {
            results.loadAtEnd = Machine.loadAverage();
        }
        String md = Report.markdown(results);
        System.out.println();
        System.out.println(md);
        try {
            Files.createDirectories(options.results());
            Path file = options.results().resolve(results.startedAt + ".md");
            Files.writeString(file, md);
            Console.say("bench", "results written to " + file);
        } catch (IOException e) {
            Console.say("bench", "cannot write the results file: " + e.getMessage());
        }
    }

    private static String n(long rows) {
        return String.format("%,d", rows);
    }

    private static Path codeLocation() {
        try {
            return Path.of(Bench.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
        } catch (Exception e) {
            throw new IllegalStateException("cannot locate the benchmark's jar", e);
        }
    }

    /** What the figures were taken on. */
    static final class Machine {
        private Machine() {
        }

        static String describe() {
            long memKb = 0;
            try {
                for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                    if (line.startsWith("MemTotal:")) {
                        memKb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (IOException e) {
                // unknown
            }
            return String.format("%d cores, %.1f GB memory, %s %s, Java %s (%s)", Runtime.getRuntime().availableProcessors(),
                    memKb / 1024.0 / 1024.0, System.getProperty("os.name"), System.getProperty("os.version"),
                    System.getProperty("java.version"), System.getProperty("java.vm.name"));
        }

        static String loadAverage() {
            try {
                String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
                return f[0] + ", " + f[1] + ", " + f[2];
            } catch (IOException e) {
                return "unknown";
            }
        }
    }

    static Instant now() {
        return Instant.now();
    }
}
