package br.com.cdcplusoft.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.cdcplusoft.bench.baseline.OriginalAlgorithm;
import br.com.cdcplusoft.bench.pipeline.ChangeLatency;
import br.com.cdcplusoft.bench.pipeline.Delivery;
import br.com.cdcplusoft.bench.process.GcLog;
import br.com.cdcplusoft.bench.raw.RawLimits;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {

    @Test
    void targetsAreComputedFromTheMeasures() {
        Results r = new Results();
        r.rows = 1_000_000;
        r.scalingBase = 1_000_000;
        r.heap = "256m";
        r.producer = new RawLimits.Rate("Kafka producer (ProducerPerformance)", 1_000_000, 10, "");
        r.baseline.put(1_000_000L, new OriginalAlgorithm.Result(60_000, 60, 900, false, 15_000, 15_000));
        r.pipeline.put(1_000_000L, measure(1_000_000, 40, 300, 310));
        r.pipeline.put(2_000_000L, measure(2_000_000, 90, 300, 400));
        r.latency = new ChangeLatency.Result(500, 60, 30_000, 30_000, 0, 900, 1500, 1800, 2500, List.of());

        String md = Report.markdown(r);

        // 25,000 rows/s against 100,000 records/s
        assertThat(md).contains("| end to end / raw producer at 1,000,000 rows | 0.25 | >= 0.25 | yes |");
        // 25,000 rows/s against 66.7 rows/s
        assertThat(md).contains("| pipeline / baseline at 1,000,000 rows | 375.0 (baseline stopped early) | >= 2 | yes |");
        assertThat(md).contains("| time(2,000,000) / time(1,000,000) | 2.25 | <= 2.1 | **no** |");
        assertThat(md).contains("| change latency p99, 500 changes/s for 60 s | 1800 ms | <= 2000 ms | yes |");
        // 90 CPU-s of the mapper for 2M rows: 45 µs per row, 2 cores allow 44,444 rows/s
        assertThat(md).contains("the forced re-sync at 2000000 cost 45 µs of CPU per row");
        // RSS 300 MB at 25% of the 2M run, 400 MB at its end: +33%
        assertThat(md).contains("RSS flat (largest growth, 25% -> 100% of the rows) | +33% / +100 MB (mapper-streams) | <= +10% or +32 MB | **no** |");
    }

    @Test
    void anIncompleteRunShowsTheRowsItHandled() {
        Results r = new Results();
        r.rows = 1_000_000;
        r.scalingBase = 1_000_000;
        r.heap = "256m";
        Delivery.Measure partial = new Delivery.Measure("forced re-sync at 1,000,000 (4 JVMs)", 1_000_000, 100_000, false, 1200,
                Instant.EPOCH, Instant.EPOCH, List.of(), -1, -1, 0, Path.of("t.csv"));
        r.pipeline.put(1_000_000L, partial);

        assertThat(Report.markdown(r)).contains("| 100,000 of 1,000,000 | 1200 s (20.0 min) | 83 | **stopped at the time limit**");
    }

    private static Delivery.Measure measure(long rows, double seconds, long rssStart, long rssEnd) {
        Delivery.ProcessFigures mapper = new Delivery.ProcessFigures("mapper-streams", seconds, new long[] {rssStart, rssStart, rssEnd, rssEnd},
                rssEnd, GcLog.NONE);
        return new Delivery.Measure("forced re-sync at " + rows, rows, rows, true, seconds, Instant.EPOCH, Instant.EPOCH, List.of(mapper),
                -1, -1, 0, Path.of("t.csv"));
    }
}
