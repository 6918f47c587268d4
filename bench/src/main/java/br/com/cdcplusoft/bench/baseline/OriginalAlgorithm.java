package br.com.cdcplusoft.bench.baseline;

import br.com.cdcplusoft.bench.Console;
import br.com.cdcplusoft.bench.infra.SourceDatabase;
import br.com.cdcplusoft.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The original Python middleware's full load, in Java: one thread pages the view with
 * {@code OFFSET n ROWS FETCH NEXT 1000 ROWS ONLY}, maps each row, POSTs the page and waits for the
 * answer before reading the next page. The database re-walks the skipped rows on every page, so a
 * page costs more the further it is.
 */
public final class OriginalAlgorithm {

    public static final int PAGE = 1000;
    static final String SQL = "SELECT * FROM VW_PLUSOFT_VENDA ORDER BY SEQNF, SEQPRODUTO OFFSET ? ROWS FETCH NEXT "
            + PAGE + " ROWS ONLY";

    /**
     * @param complete       false when {@code maxTime} ran out first
     * @param lastPageMillis time of the last page's query: how far OFFSET paging had slowed down
     */
    public record Result(long rows, long pages, double seconds, boolean complete, double firstPageMillis, double lastPageMillis) {
        public double rowsPerSecond() {
            return rows / seconds;
        }
    }

    private OriginalAlgorithm() {
    }

    public static Result run(SourceDatabase db, URI receiver, Duration maxTime) throws SQLException, IOException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        URI vendas = receiver.resolve("/vendas");
        long start = System.nanoTime();
        long deadline = start + maxTime.toNanos();
        long rows = 0;
        long pages = 0;
        double firstPageMs = 0;
        double lastPageMs = 0;
        long lastReport = start;
        try (Connection c = db.connect()) {
            // PostgreSQL streams a result only inside a transaction; harmless elsewhere
            c.setAutoCommit(false);
            c.setReadOnly(true);
            while (true) {
                long q = System.nanoTime();
                List<Map<String, Object>> page = new ArrayList<>(PAGE);
                try (PreparedStatement ps = c.prepareStatement(SQL)) {
                    ps.setFetchSize(PAGE);
                    ps.setLong(1, rows);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            page.add(OriginalMapping.venda(rs));
                        }
                    }
                }
                c.commit();
                lastPageMs = (System.nanoTime() - q) / 1e6;
                if (pages == 0) {
                    firstPageMs = lastPageMs;
                }
                if (page.isEmpty()) {
                    break;
                }
                post(http, vendas, Json.mapper().writeValueAsBytes(page));
                rows += page.size();
                pages++;
                long now = System.nanoTime();
                if (page.size() < PAGE) {
                    break;
                }
                if (now > deadline) {
                    Console.say("baseline", String.format("stopped after %s: %,d rows in %,d pages, last page query %.0f ms",
                            maxTime, rows, pages, lastPageMs));
                    return new Result(rows, pages, (now - start) / 1e9, false, firstPageMs, lastPageMs);
                }
                if (now - lastReport > 30_000_000_000L) {
                    Console.say("baseline", String.format("%,d rows, %.0f rows/s so far, page query now %.0f ms", rows,
                            rows / ((now - start) / 1e9), lastPageMs));
                    lastReport = now;
                }
            }
        }
        return new Result(rows, pages, (System.nanoTime() - start) / 1e9, true, firstPageMs, lastPageMs);
    }

    static void post(HttpClient http, URI uri, byte[] body) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 200) {
                throw new IOException("the receiver answered " + response.statusCode() + " to a page");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
