package br.com.cdcplusoft.sink.batching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cut of a partition's records as commit metadata: round trip, size bound, foreign metadata. */
class StepPlanTest {

    @Test
    void encodesAndDecodesTheSpans() {
        StepPlan plan = new StepPlan(List.of(new StepPlan.Span(100, 399), new StepPlan.Span(400, 400), new StepPlan.Span(401, 1099)));
        assertThat(plan.encode()).isEqualTo("steps:v1:100-399,400-400,401-1099");
        assertThat(StepPlan.decode(plan.encode())).isEqualTo(plan);
        assertThat(plan.first()).isEqualTo(100);
    }

    @Test
    void resumesFromASpanStart() {
        StepPlan plan = new StepPlan(List.of(new StepPlan.Span(0, 9), new StepPlan.Span(10, 19), new StepPlan.Span(20, 29)));
        assertThat(plan.from(10)).isEqualTo(new StepPlan(List.of(new StepPlan.Span(10, 19), new StepPlan.Span(20, 29))));
        assertThat(plan.from(11)).isNull();
    }

    @Test
    void staysWithinTheBrokersMetadataLimitKeepingTheFirstSpans() {
        List<StepPlan.Span> spans = new ArrayList<>();
        for (long i = 0; i < 1000; i++) {
            spans.add(new StepPlan.Span(1_000_000_000L + i, 1_000_000_000L + i));
        }
        String encoded = new StepPlan(spans).encode();
        assertThat(encoded.length()).isLessThanOrEqualTo(StepPlan.MAX_LENGTH);
        StepPlan decoded = StepPlan.decode(encoded);
        assertThat(decoded.spans()).isEqualTo(spans.subList(0, decoded.spans().size()));
        assertThat(decoded.spans().size()).isGreaterThan(100);
    }

    @Test
    void metadataThatIsNotAPlanReadsAsNone() {
        for (String metadata : new String[] {null, "", "steps:v1:", "steps:v2:1-2", "re-driven 2024-07-15T10:00:00Z", "steps:v1:a-b"}) {
            assertThat(StepPlan.decode(metadata)).as(String.valueOf(metadata)).isNull();
        }
    }
}
