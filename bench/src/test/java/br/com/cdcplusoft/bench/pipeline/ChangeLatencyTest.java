package br.com.cdcplusoft.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.cdcplusoft.dev.demo.DemoDataGenerator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangeLatencyTest {

    @Test
    void nearestRankPercentiles() {
        List<Double> values = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            values.add((double) i);
        }

        assertThat(ChangeLatency.percentile(values, 50)).isEqualTo(100.0);
        assertThat(ChangeLatency.percentile(values, 99)).isEqualTo(198.0);
        assertThat(ChangeLatency.percentile(values, 100)).isEqualTo(200.0);
        assertThat(ChangeLatency.percentile(List.of(), 99)).isNaN();
    }

    @Test
    void latencySalesNeverPointAtACustomerWithAnInvalidCpf() {
        for (long seqnf = 1; seqnf < 50_000; seqnf++) {
            long buyer = ChangeLatency.buyer(seqnf, 20_000);
            assertThat(buyer).isBetween(1L, 20_000L);
            assertThat(buyer % DemoDataGenerator.INVALID_CPF_EVERY).isNotZero();
        }
    }

    @Test
    void rowIdentityFromEitherTopicsKey() {
        assertThat(StageProbe.id("{\"SEQNF\":12,\"SEQPRODUTO\":7}".getBytes(StandardCharsets.UTF_8))).isEqualTo("12|7");
        assertThat(StageProbe.id("{\"IDCUPOM\":12,\"IDPRODUTO\":7}".getBytes(StandardCharsets.UTF_8))).isEqualTo("12|7");
        assertThat(StageProbe.id("{\"__control\":\"run-end\",\"partition\":0}".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(StageProbe.id(null)).isNull();
    }
}
