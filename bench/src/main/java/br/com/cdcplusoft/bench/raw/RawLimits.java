package br.com.cdcplusoft.bench.raw;

import br.com.cdcplusoft.bench.Console;
import br.com.cdcplusoft.bench.baseline.OriginalMapping;
import br.com.cdcplusoft.bench.infra.SourceDatabase;
import br.com.cdcplusoft.core.envelope.ChangeEvent;
import br.com.cdcplusoft.core.envelope.Op;
import br.com.cdcplusoft.core.envelope.Source;
import br.com.cdcplusoft.core.json.Json;
import br.com.cdcplusoft.dev.harness.ChildProcess;
import br.com.cdcplusoft.dev.harness.Children;
import br.com.cdcplusoft.dev.harness.JavaCommand;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the machine allows each stage at most, measured on the same broker, database and receiver
 * the pipeline uses: Kafka producer records/s with the pipeline's producer settings, JDBC rows/s
 * reading the view, HTTP records/s posted to the receiver.
 */
public final class RawLimits {

    /** The extractor's producer settings (extractor.yml spring.kafka.producer.*). */
    public static final List<String> PIPELINE_PRODUCER = List.of("acks=all", "enable.idempotence=true", "linger.ms=20",
            "compression.type=lz4", "batch.size=262144", "max.in.flight.requests.per.connection=5");
    private static final Pattern PERF = Pattern.compile(
            "(\\d+) records sent, ([0-9.]+) records/sec \\(([0-9.]+) MB/sec\\), ([0-9.]+) ms avg latency, ([0-9.]+) ms max latency");

    /** A measured rate. @param detail how it was measured */
    public record Rate(String name, long records, double seconds, String detail) {
        public double perSecond() {
            return seconds <= 0 ? 0 : records / seconds;
        }
    }

    private RawLimits() {
    }

    // ------------------------------------------------------------------------------------------ JDBC

    /** {@code SELECT * FROM VW_PLUSOFT_VENDA}, streamed 1000 rows a fetch, every column read: the database's own limit. */
    public static Rate jdbcScan(SourceDatabase db, long maxRows) throws SQLException {
        long start = System.nanoTime();
        long rows = 0;
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.setFetchSize(1000);
                try (ResultSet rs = s.executeQuery("SELECT * FROM VW_PLUSOFT_VENDA")) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rows < maxRows && rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            rs.getObject(i);
                        }
                        rows++;
                    }
                }
            }
            c.rollback();
        }
        return new Rate("JDBC full scan of VW_PLUSOFT_VENDA", rows, (System.nanoTime() - start) / 1e9,
                "one query, fetch size 1000, every column read");
    }

    /**
     * Plain keyset chunks, for comparison: 1000 rows in key order, each query resuming after the last
     * key with no upper bound. On a joined view the database sorts the whole remainder for every
     * chunk (H2 does), so a full read is quadratic; the extractor's scan bounds each range instead
     * ({@link #jdbcRanges}).
     */
    public static Rate jdbcKeyset(SourceDatabase db, long maxRows, Duration maxTime) throws SQLException {
        String first = "SELECT * FROM VW_PLUSOFT_VENDA ORDER BY SEQNF, SEQPRODUTO FETCH FIRST 1000 ROWS ONLY";
        String next = "SELECT * FROM VW_PLUSOFT_VENDA WHERE ((SEQNF > ?) OR (SEQNF = ? AND SEQPRODUTO > ?))"
                + " ORDER BY SEQNF, SEQPRODUTO FETCH FIRST 1000 ROWS ONLY";
        long start = System.nanoTime();
        long deadline = start + maxTime.toNanos();
        long rows = 0;
        Long seqnf = null;
        Long produto = null;
        try (Connection c = db.connect()) {
            while (rows < maxRows && System.nanoTime() < deadline) {
                int chunk = 0;
                try (PreparedStatement ps = c.prepareStatement(seqnf == null ? first : next)) {
                    ps.setFetchSize(1000);
                    if (seqnf != null) {
                        ps.setObject(1, seqnf);
                        ps.setObject(2, seqnf);
                        ps.setObject(3, produto);
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        int columns = rs.getMetaData().getColumnCount();
                        while (rs.next()) {
                            for (int i = 1; i <= columns; i++) {
                                rs.getObject(i);
                            }
                            seqnf = rs.getLong("SEQNF");
                            produto = rs.getLong("SEQPRODUTO");
                            chunk++;
                        }
                    }
                }
                rows += chunk;
                if (chunk < 1000) {
                    break;
                }
            }
        }
        return new Rate("JDBC unbounded keyset chunks (for comparison)", rows, (System.nanoTime() - start) / 1e9,
                "WHERE key > last key ORDER BY key FETCH FIRST 1000, one query per chunk (stopped after 2 min)");
    }

    /**
     * The extractor's snapshot scan (SourceReader.scan): chunks bounded on both sides of the leading
     * key column ({@code SEQNF >= ? AND SEQNF < ?}), which the database pushes into the view and
     * answers from the key index, the width adapted to about 1000 rows a chunk: linear at any size.
     */
    public static Rate jdbcRanges(SourceDatabase db, long maxRows, Duration maxTime) throws SQLException {
        String sql = "SELECT * FROM VW_PLUSOFT_VENDA WHERE SEQNF >= ? AND SEQNF < ? ORDER BY SEQNF, SEQPRODUTO";
        long start = System.nanoTime();
        long deadline = start + maxTime.toNanos();
        long rows = 0;
        long chunks = 0;
        try (Connection c = db.connect()) {
            long lo;
            long max;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT MIN(SEQNF), MAX(SEQNF) FROM MFL_DOCTOFISCAL")) {
                rs.next();
                lo = rs.getLong(1);
                max = rs.getLong(2);
            }
            long width = 250;
            while (lo <= max && rows < maxRows && System.nanoTime() < deadline) {
                int chunk = 0;
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setFetchSize(1000);
                    ps.setLong(1, lo);
                    ps.setLong(2, lo + width);
                    try (ResultSet rs = ps.executeQuery()) {
                        int columns = rs.getMetaData().getColumnCount();
                        while (rs.next()) {
                            for (int i = 1; i <= columns; i++) {
                                rs.getObject(i);
                            }
                            chunk++;
                        }
                    }
                }
                rows += chunk;
                chunks++;
                lo += width;
                // aim at 1000 rows per chunk, moving by at most a factor of 2
                width = Math.max(1, Math.min(width * 2, Math.max(width / 2, chunk == 0 ? width * 2 : width * 1000 / chunk)));
            }
        }
        return new Rate("JDBC bounded key ranges (the extractor's snapshot scan)", rows, (System.nanoTime() - start) / 1e9,
                String.format("WHERE SEQNF >= ? AND SEQNF < ? ORDER BY key, about 1000 rows per query (%,d queries)", chunks));
    }

    // ------------------------------------------------------------------------------------------ Kafka

    /**
     * Kafka's own ProducerPerformance tool, in a JVM of its own (-Xmx256m like a service), sending
     * change events of real vendas rows (about 1 KB of JSON each) with the pipeline's producer settings.
     */
    public static Rate producer(SourceDatabase db, String bootstrap, Children children, String classpath, Path dir, long records)
            throws Exception {
        Files.createDirectories(dir);
        Path payloads = dir.resolve("payloads.jsonl");
        double avgBytes = writeChangeEvents(db, payloads, 1000);
        String topic = "bench.raw-producer";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(6), Optional.empty()))).all().get();
            List<String> args = new ArrayList<>(List.of("--topic", topic, "--num-records", Long.toString(records),
                    "--payload-file", payloads.toString(), "--throughput", "-1", "--producer-props",
                    "bootstrap.servers=" + bootstrap));
            args.addAll(PIPELINE_PRODUCER);
            ChildProcess perf = children.define("producer-perf",
                    JavaCommand.create().heap("256m").main(classpath, "org.apache.kafka.tools.ProducerPerformance").args(args),
                    Map.of(), dir).start();
            try {
                ChildProcess.LogMatch m = perf.awaitLog(PERF, Duration.ofMinutes(15));
                long sent = Long.parseLong(m.group(1));
                double perSecond = Double.parseDouble(m.group(2));
                return new Rate("Kafka producer (ProducerPerformance)", sent, sent / perSecond, String.format(
                        "%.0f B JSON change events, %s MB/s, avg latency %s ms, 6 partitions, %s", avgBytes, m.group(3),
                        m.group(4), String.join(" ", PIPELINE_PRODUCER)));
            } finally {
                perf.stop(Duration.ofSeconds(10));
                admin.deleteTopics(List.of(topic)).all().get();
            }
        }
    }

    /** Change events (the extractor's envelope) of the first {@code count} rows, one JSON per line; returns the mean size. */
    static double writeChangeEvents(SourceDatabase db, Path file, int count) throws SQLException, IOException {
        StringBuilder out = new StringBuilder();
        long bytes = 0;
        int n = 0;
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM VW_PLUSOFT_VENDA ORDER BY SEQNF, SEQPRODUTO FETCH FIRST " + count + " ROWS ONLY")) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                ObjectNode row = Json.mapper().createObjectNode();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    String name = md.getColumnLabel(i).toUpperCase(java.util.Locale.ROOT);
                    Object v = rs.getObject(i);
                    if (v == null) {
                        row.putNull(name);
                    } else if (v instanceof BigDecimal d) {
                        row.put(name, d);
                    } else if (v instanceof Number num) {
                        row.put(name, num.longValue());
                    } else if (v instanceof Timestamp ts) {
                        row.put(name, ts.toLocalDateTime().toString());
                    } else if (v instanceof java.time.temporal.TemporalAccessor t) {
                        row.put(name, t.toString());
                    } else {
                        row.put(name, v.toString());
                    }
                }
                long now = System.currentTimeMillis();
                Source source = new Source("1", Source.JDBC_CONNECTOR, "consinco", now, "true", null, null, "VW_PLUSOFT_VENDA",
                        "vendas", row.get("DTAHORALTERACAO").asString(), "vendas-20250101T000000-0a1b2c3d", true);
                String json = Json.mapper().writeValueAsString(new ChangeEvent(null, row, Op.READ, now, source));
                out.append(json).append('\n');
                bytes += json.getBytes(StandardCharsets.UTF_8).length;
                n++;
            }
        }
        Files.writeString(file, out.toString());
        return n == 0 ? 0 : bytes / (double) n;
    }

    // ------------------------------------------------------------------------------------------ HTTP

    /**
     * POSTs the same body (1000 vendas records, as the original mapping writes them) to the
     * receiver from {@code threads} threads for {@code duration}.
     */
    public static Rate http(SourceDatabase db, URI receiver, int threads, Duration duration) throws Exception {
        byte[] body = vendasBody(db, 1000);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI uri = receiver.resolve("/vendas");
        // one second of warm-up so the first connections and JIT do not count
        runPosts(http, uri, body, threads, Duration.ofSeconds(1));
        long start = System.nanoTime();
        long requests = runPosts(http, uri, body, threads, duration);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Rate("HTTP POST to the receiver, " + threads + (threads == 1 ? " thread" : " threads"), requests * 1000,
                seconds, String.format("1000 records (%,d B) per request, HTTP/1.1 keep-alive", body.length));
    }

    private static long runPosts(HttpClient http, URI uri, byte[] body, int threads, Duration duration) throws Exception {
        AtomicLong ok = new AtomicLong();
        long deadline = System.nanoTime() + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        HttpRequest request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() != 200) {
                            throw new IOException("the receiver answered " + response.statusCode());
                        }
                        ok.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return ok.get();
    }

    static byte[] vendasBody(SourceDatabase db, int count) throws SQLException {
        List<Map<String, Object>> records = new ArrayList<>(count);
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM VW_PLUSOFT_VENDA ORDER BY SEQNF, SEQPRODUTO FETCH FIRST " + count + " ROWS ONLY")) {
            while (rs.next()) {
                records.add(OriginalMapping.venda(rs));
            }
        }
        return Json.mapper().writeValueAsBytes(records);
    }

    static void say(String message) {
        Console.say("raw", message);
    }
}
