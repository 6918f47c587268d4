package br.com.cdcplusoft.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The benchmark's options, validated once. Sizes accept {@code 50k}, {@code 1M}, {@code 5M} or
 * plain digits; durations {@code 90s}, {@code 20m}, {@code 1h}.
 */
public record BenchOptions(
        long rows,
        Db db,
        Path repo,
        Path work,
        Path results,
        String heap,
        String standaloneHeap,
        int latencyRate,
        Duration latencyDuration,
        Duration baselineMaxTime,
        Duration runTimeout,
        Duration stall,
        Set<String> skip,
        boolean profile,
        String pgUrl,
        String pgUser,
        String pgPassword,
        int basePort,
        Map<String, List<String>> serviceArgs,
        long producerRecords,
        Duration httpDuration,
        int h2CacheKb) {

    public enum Db { H2, POSTGRES }

    public static final List<String> PHASES = List.of("raw", "baseline", "pipeline", "latency", "standalone", "scaling");

    static final String USAGE = """
            bench/run.sh [options]        (or: java -jar bench/target/bench.jar [options] from the repository root)

              --rows N                 vendas rows of the full load (default 1M; 5M for the large run)
              --db h2|postgres         source database (default h2: H2 TCP server in its own JVM;
                                       postgres: the machine's PostgreSQL 15 via .ci/postgres.sh)
              --heap SIZE              -Xmx of each service JVM (default 256m)
              --standalone-heap SIZE   -Xmx of the one-JVM standalone run (default 512m)
              --latency-rate N         row changes per second in the latency phase (default 500)
              --latency-time DURATION  length of the latency phase (default 60s)
              --baseline-max-time D    stop the original algorithm after this long and report its rate so far
                                       (default 15m; OFFSET paging over millions of rows takes hours)
              --run-timeout D          stop timing one pipeline full load after this long and report its rate so
                                       far (default: 10m + 1 ms per row)
              --stall D                fail a full load that delivers nothing for this long (default 3m)
              --skip a,b               leave phases out: raw, baseline, pipeline, latency, standalone, scaling
              --no-profile             no flight recordings of the services (default: JFR "profile" settings)
              --service-arg M:ARG      one more Spring argument for module M, repeatable
                                       (e.g. plusoft-sink:--plusoft.batch.linger=200ms)
              --producer-records N     records of the raw producer test (default min(rows, 1M))
              --http-time D            length of each raw HTTP test (default 10s)
              --h2-cache-kb N          H2 page cache of the database server (default 65536)
              --pg-url URL             (default jdbc:postgresql://127.0.0.1:5432/cdc_bench)
              --pg-user U / --pg-password P   (default cdc_bench / cdc_bench)
              --base-port P            ports used: P+80..84 services, P+92/93 Kafka, P+95 H2, P+99 receiver (default 19000)
              --work DIR               run folders (default bench/target/bench-work)
              --results DIR            result files (default bench-results)
              --repo DIR               the repository root, where the services' exec jars are (default: .)
            """;

    public BenchOptions {
        if (rows < 1000) {
            throw new IllegalArgumentException("--rows must be at least 1000, was " + rows);
        }
        if (latencyRate < 1 || latencyRate > 100_000) {
            throw new IllegalArgumentException("--latency-rate must be between 1 and 100000, was " + latencyRate);
        }
        for (String s : skip) {
            if (!PHASES.contains(s)) {
                throw new IllegalArgumentException("--skip: unknown phase '" + s + "'; phases: " + String.join(", ", PHASES));
            }
        }
        if (!Files.isRegularFile(repo.resolve("pom.xml")) || !Files.isDirectory(repo.resolve("pipeline-core"))) {
            throw new IllegalArgumentException("run from the repository root (no pom.xml and pipeline-core/ in " + repo.toAbsolutePath() + ")");
        }
    }

    public boolean runs(String phase) {
        return !skip.contains(phase);
    }

    /** The row count below which the scaling pair is measured: 1M, or the whole load when smaller. */
    public long scalingBase() {
        return Math.min(rows, 1_000_000);
    }

    public Duration runTimeoutFor(long rowsOfRun) {
        return runTimeout != null ? runTimeout : Duration.ofMinutes(10).plusMillis(rowsOfRun);
    }

    public Map<String, Integer> servicePorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("api-gateway", basePort + 80);
        ports.put("extractor", basePort + 81);
        ports.put("plusoft-sink", basePort + 82);
        ports.put("mapper-streams", basePort + 83);
        ports.put("standalone", basePort + 84);
        return ports;
    }

    public int kafkaPort() {
        return basePort + 92;
    }

    public int h2Port() {
        return basePort + 95;
    }

    public int receiverPort() {
        return basePort + 99;
    }

    public static BenchOptions parse(String[] args) {
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> skip = new LinkedHashSet<>();
        Map<String, List<String>> serviceArgs = new LinkedHashMap<>();
        boolean profile = true;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                throw new HelpRequested();
            }
            if (arg.equals("--no-profile")) {
                profile = false;
                continue;
            }
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            String key = arg.substring(2);
            String value;
            int eq = key.indexOf('=');
            if (eq >= 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            } else {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("--" + key + " needs a value");
                }
                value = args[++i];
            }
            switch (key) {
                case "skip" -> {
                    for (String s : value.split(",")) {
                        if (!s.isBlank()) {
                            skip.add(s.trim().toLowerCase(Locale.ROOT));
                        }
                    }
                }
                case "service-arg" -> {
                    int colon = value.indexOf(':');
                    if (colon < 1) {
                        throw new IllegalArgumentException("--service-arg must be MODULE:ARG, was '" + value + "'");
                    }
                    serviceArgs.computeIfAbsent(value.substring(0, colon), k -> new ArrayList<>()).add(value.substring(colon + 1));
                }
                case "rows", "db", "heap", "standalone-heap", "latency-rate", "latency-time", "baseline-max-time", "run-timeout",
                     "stall", "pg-url", "pg-user", "pg-password", "base-port", "work", "results", "producer-records",
                     "http-time", "h2-cache-kb", "repo" -> values.put(key, value);
                default -> throw new IllegalArgumentException("unknown option --" + key);
            }
        }
        Path repo = Path.of(values.getOrDefault("repo", ".")).toAbsolutePath().normalize();
        long rows = size("rows", values.getOrDefault("rows", "1M"));
        return new BenchOptions(
                rows,
                db(values.getOrDefault("db", "h2")),
                repo,
                repo.resolve(values.getOrDefault("work", "bench/target/bench-work")),
                repo.resolve(values.getOrDefault("results", "bench-results")),
                heap("heap", values.getOrDefault("heap", "256m")),
                heap("standalone-heap", values.getOrDefault("standalone-heap", "512m")),
                (int) size("latency-rate", values.getOrDefault("latency-rate", "500")),
                duration("latency-time", values.getOrDefault("latency-time", "60s")),
                duration("baseline-max-time", values.getOrDefault("baseline-max-time", "15m")),
                values.containsKey("run-timeout") ? duration("run-timeout", values.get("run-timeout")) : null,
                duration("stall", values.getOrDefault("stall", "3m")),
                Set.copyOf(skip),
                profile,
                values.getOrDefault("pg-url", "jdbc:postgresql://127.0.0.1:5432/cdc_bench"),
                values.getOrDefault("pg-user", "cdc_bench"),
                values.getOrDefault("pg-password", "cdc_bench"),
                (int) size("base-port", values.getOrDefault("base-port", "19000")),
                Map.copyOf(serviceArgs),
                values.containsKey("producer-records") ? size("producer-records", values.get("producer-records")) : Math.min(rows, 1_000_000),
                duration("http-time", values.getOrDefault("http-time", "10s")),
                (int) size("h2-cache-kb", values.getOrDefault("h2-cache-kb", "65536")));
    }

    static long size(String option, String value) {
        String v = value.trim().replace("_", "").toLowerCase(Locale.ROOT);
        long factor = 1;
        if (v.endsWith("k")) {
            factor = 1_000;
            v = v.substring(0, v.length() - 1);
        } else if (v.endsWith("m")) {
            factor = 1_000_000;
            v = v.substring(0, v.length() - 1);
        }
        try {
            return Math.round(Double.parseDouble(v) * factor);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + option + " must be a number like 50000, 50k or 1M, was '" + value + "'");
        }
    }

    static Duration duration(String option, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            long n = Long.parseLong(v.substring(0, v.length() - 1));
            return switch (v.charAt(v.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> throw new NumberFormatException();
            };
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("--" + option + " must be a duration like 90s, 20m or 1h, was '" + value + "'");
        }
    }

    private static String heap(String option, String value) {
        if (!value.matches("\\d+[mMgG]")) {
            throw new IllegalArgumentException("--" + option + " must be a heap size like 256m or 1g, was '" + value + "'");
        }
        return value;
    }

    private static Db db(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "h2" -> Db.H2;
            case "postgres", "postgresql" -> Db.POSTGRES;
            default -> throw new IllegalArgumentException("--db must be h2 or postgres, was '" + value + "'");
        };
    }

    /** --help was given. */
    static final class HelpRequested extends RuntimeException {
        HelpRequested() {
            super(null, null, false, false);
        }
    }
}
