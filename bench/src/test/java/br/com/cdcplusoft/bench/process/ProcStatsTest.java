package br.com.cdcplusoft.bench.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcStatsTest {

    @Test
    void cpuTicksAreUserPlusSystemCountedAfterACommandNameWithSpaces() {
        String stat = "4242 (java thread (x)) S 1 4242 4242 0 -1 4194560 100 0 0 0 1500 250 0 0 20 0 40 0 1000 0 0";

        assertThat(ProcStats.cpuTicks(stat)).isEqualTo(1750);
    }

    @Test
    void aProcessThatIsGoneReadsAsNone() {
        assertThat(ProcStats.of(Long.MAX_VALUE)).isEqualTo(ProcStats.NONE);
    }

    @Test
    void thisProcessHasMemoryAndCpu() {
        ProcStats self = ProcStats.of(ProcessHandle.current().pid());

        assertThat(self.rssKb()).isPositive();
        assertThat(self.hwmKb()).isGreaterThanOrEqualTo(self.rssKb());
    }
}
