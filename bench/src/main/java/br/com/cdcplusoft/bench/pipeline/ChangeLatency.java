package br.com.cdcplusoft.bench.pipeline;

import br.com.cdcplusoft.bench.Pause;
import br.com.cdcplusoft.bench.Console;
import br.com.cdcplusoft.bench.data.VendasGenerator;
import br.com.cdcplusoft.bench.infra.SourceDatabase;
import br.com.cdcplusoft.dev.simulator.PlusoftSimulator;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Change latency with the pipeline running: new sales are committed to the source at a steady
 * rate, one coupon with one item per row change, and each is timed from the moment its commit
 * returned until the receiver holds it. The receiver's request hook looks up, on every request,
 * which pending rows it now holds, so arrival is known to the request, not to a polling interval.
 *
 * <p>One writer thread commits every 20 ms in key order, as a single checkout would: each new row
 * has a (cursor, key) above the previous one, so this is the polling path's normal case, not the
 * look-back sweep's.
 */
public final class ChangeLatency {

    /** One stage's share of the latency. */
    public record Stage(String name, double p50Ms, double p95Ms, double p99Ms) {
    }

    /**
     * @param missing rows not at the receiver when the drain time ran out (not in the percentiles)
     * @param stages  commit -> change topic, change topic -> payload topic, payload topic -> receiver
     */
    public record Result(int targetRate, double writeSeconds, long written, long delivered, long missing,
                         double p50Ms, double p95Ms, double p99Ms, double maxMs, List<Stage> stages) {
        public double achievedRate() {
            return writeSeconds <= 0 ? 0 : written / writeSeconds;
        }
    }

    private ChangeLatency() {
    }

    public static Result run(SourceDatabase db, PlusoftSimulator receiver, String bootstrap, int rate, Duration duration,
                             Duration drain) throws SQLException {
        try (StageProbe probe = new StageProbe(bootstrap, "vendas")) {
            return run(db, receiver, probe, rate, duration, drain);
        }
    }

    private static Result run(SourceDatabase db, PlusoftSimulator receiver, StageProbe probe, int rate, Duration duration,
                              Duration drain) throws SQLException {
        Map<String, Long> pending = new ConcurrentHashMap<>();
        Map<String, Long> committedAt = new ConcurrentHashMap<>();
        Map<String, Long> receivedAt = new ConcurrentHashMap<>();
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        receiver.reset();
        receiver.maxStoredPayloads((int) Math.min(Integer.MAX_VALUE, rate * duration.toSeconds() * 2 + 10_000));
        receiver.onRequest(request -> {
            if (request.status() != 200 || !"vendas".equals(request.entity())) {
                return;
            }
            long now = System.nanoTime();
            long wall = System.currentTimeMillis();
            for (Map.Entry<String, Long> e : pending.entrySet()) {
                if (receiver.payload("vendas", e.getKey()).isPresent() && pending.remove(e.getKey()) != null) {
                    latencies.add((now - e.getValue()) / 1e6);
                    receivedAt.put(e.getKey(), wall);
                }
            }
        });
        long written = 0;
        double writeSeconds;
        try (Connection c = db.connect()) {
            VendasGenerator.Entities entities = VendasGenerator.entities(c);
            long seqnf = VendasGenerator.nextSeqnf(c);
            c.setAutoCommit(false);
            try (PreparedStatement header = c.prepareStatement("INSERT INTO MFL_DOCTOFISCAL (SEQNF, NROEMPRESA, NUMERODF, SERIEDF,"
                    + " NROCHECKOUT, DTAMOVIMENTO, DTAHOREMISSAO, CODGERALOPER, SEQPESSOA, STATUSDF, DTACANCELAMENTO, NROFORMAPAGTO)"
                    + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
                 PreparedStatement item = c.prepareStatement("INSERT INTO MFL_DFITEM (SEQNF, SEQPRODUTO, QUANTIDADE, VLRITEM,"
                         + " VLRDESCONTO, CFOP) VALUES (?,?,?,?,?,?)")) {
                Console.say("latency", String.format("writing %d sales/s for %d s (one coupon, one item each)", rate,
                        duration.toSeconds()));
                long t0 = System.nanoTime();
                long end = t0 + duration.toNanos();
                List<String> batch = new ArrayList<>();
                while (System.nanoTime() < end) {
                    long due = (long) ((System.nanoTime() - t0) / 1e9 * rate);
                    batch.clear();
                    LocalDateTime now = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS);
                    for (; written < due; written++, seqnf++) {
                        long produto = 1 + seqnf % entities.produtos();
                        int i = 1;
                        header.setLong(i++, seqnf);
                        header.setInt(i++, (int) (1 + seqnf % entities.filiais()));
                        header.setLong(i++, seqnf);
                        header.setString(i++, "1");
                        header.setInt(i++, 1);
                        header.setTimestamp(i++, Timestamp.valueOf(LocalDate.now().atStartOfDay()));
                        header.setTimestamp(i++, Timestamp.valueOf(now));
                        header.setInt(i++, 37);
                        header.setLong(i++, buyer(seqnf, entities.clientes()));
                        header.setString(i++, "V");
                        header.setNull(i++, Types.TIMESTAMP);
                        header.setInt(i, 1);
                        header.addBatch();
                        item.setLong(1, seqnf);
                        item.setLong(2, produto);
                        item.setBigDecimal(3, new BigDecimal("1.000"));
                        item.setBigDecimal(4, new BigDecimal("9.90"));
                        item.setNull(5, Types.NUMERIC);
                        item.setInt(6, 5102);
                        item.addBatch();
                        batch.add(seqnf + "|" + produto);
                    }
                    if (!batch.isEmpty()) {
                        header.executeBatch();
                        item.executeBatch();
                        c.commit();
                        long committed = System.nanoTime();
                        long wall = System.currentTimeMillis();
                        for (String id : batch) {
                            committedAt.put(id, wall);
                            pending.put(id, committed);
                        }
                    }
                    Pause.millis(20);
                }
                writeSeconds = (System.nanoTime() - t0) / 1e9;
            }
        }
        Console.say("latency", String.format("%,d sales committed in %.1f s; waiting for the receiver", written, writeSeconds));
        long deadline = System.nanoTime() + drain.toNanos();
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            Pause.millis(200);
        }
        receiver.onRequest(null);
        List<Double> sorted;
        synchronized (latencies) {
            sorted = new ArrayList<>(latencies);
        }
        Collections.sort(sorted);
        List<Stage> stages = List.of(
                stage("commit -> change topic (extractor poll)", receivedAt.keySet(), committedAt, probe.extractedAt),
                stage("change topic -> payload topic (mapper)", receivedAt.keySet(), probe.extractedAt, probe.mappedAt),
                stage("payload topic -> receiver (sink)", receivedAt.keySet(), probe.mappedAt, receivedAt));
        return new Result(rate, writeSeconds, written, sorted.size(), pending.size(), percentile(sorted, 50),
                percentile(sorted, 95), percentile(sorted, 99), sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() - 1), stages);
    }

    private static Stage stage(String name, java.util.Set<String> ids, Map<String, Long> from, Map<String, Long> to) {
        List<Double> values = new ArrayList<>();
        for (String id : ids) {
            Long a = from.get(id);
            Long b = to.get(id);
            if (a != null && b != null) {
                values.add((double) (b - a));
            }
        }
        Collections.sort(values);
        return new Stage(name, percentile(values, 50), percentile(values, 95), percentile(values, 99));
    }

    /** A customer whose CPF is valid: the generator gives every 997th one wrong check digits, which the mapper dead-letters. */
    static long buyer(long seqnf, int clientes) {
        long p = 1 + seqnf % clientes;
        return p % br.com.cdcplusoft.dev.demo.DemoDataGenerator.INVALID_CPF_EVERY == 0 ? (p % clientes) + 1 : p;
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}
