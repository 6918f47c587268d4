package br.com.cdcplusoft.bench.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GcLogTest {

    private static final List<String> LOG = List.of(
            "[0.512s][info][gc] Using G1",
            "[1.234s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 24M->3M(256M) 3.456ms",
            "[5.000s][info][gc] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 150M->40M(256M) 5.5ms",
            "[6.000s][info][gc] GC(2) Concurrent Mark Cycle 12.3ms",
            "[9.000s][info][gc] GC(3) Pause Full (G1 Compaction Pause) 1G->200M(1G) 100.0ms");

    @Test
    void peakBeforeAndLiveAfterCollectionsInTheWindow() {
        GcLog gc = GcLog.parse(LOG, 1.0, 6.0);

        assertThat(gc.peakUsedMb()).isEqualTo(150);
        assertThat(gc.maxLiveMb()).isEqualTo(40);
        assertThat(gc.committedMb()).isEqualTo(256);
        assertThat(gc.pauses()).isEqualTo(2);
        assertThat(gc.pauseMs()).isEqualTo(8.956, org.assertj.core.data.Offset.offset(0.001));
    }

    @Test
    void gigabytesAreConvertedAndLinesOutsideTheWindowIgnored() {
        GcLog gc = GcLog.parse(LOG, 8.0, 10.0);

        assertThat(gc.peakUsedMb()).isEqualTo(1024);
        assertThat(gc.maxLiveMb()).isEqualTo(200);
        assertThat(gc.pauses()).isEqualTo(1);
    }
}
