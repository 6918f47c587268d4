package br.com.cdcplusoft.sink.batching;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.cdcplusoft.sink.converter.BodyWriter;
import br.com.cdcplusoft.sink.converter.Entry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class BatchPlannerTest {

    private static Entry entry(int offset, Entry.Kind kind, int bodyBytes) {
        byte[] body = kind == Entry.Kind.UPSERT || kind == Entry.Kind.DELETE ? "x".repeat(bodyBytes).getBytes(StandardCharsets.UTF_8) : null;
        return new Entry(offset, new ConsumerRecord<>("plusoft.produtos", 2, offset, null, null), kind, body,
                kind == Entry.Kind.INVALID ? "value is not a JSON object" : null);
    }

    private static List<Entry> upserts(int count, int bytes) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add(entry(i, Entry.Kind.UPSERT, bytes));
        }
        return entries;
    }

    private static List<String> shape(List<Step> steps) {
        return steps.stream().map(s -> s.kind() + ":" + s.size()).toList();
    }

    @Test
    void requestsHoldAtMostMaxRecords() {
        List<Step> steps = new BatchPlanner(1000, 10_000_000, new BodyWriter(null)).plan(upserts(2500, 10));

        assertThat(shape(steps)).containsExactly("UPSERT:1000", "UPSERT:1000", "UPSERT:500");
        assertThat(steps.get(1).first().record().offset()).isEqualTo(1000);
    }

    @Test
    void requestsStayWithinMaxBytesCountingBracketsAndCommas() {
        // body of n entries of 10 bytes: 2 + 10n + (n - 1) <= 100 holds for n = 9 (100 bytes), not 10
        List<Step> steps = new BatchPlanner(1000, 100, new BodyWriter(null)).plan(upserts(20, 10));

        assertThat(shape(steps)).containsExactly("UPSERT:9", "UPSERT:9", "UPSERT:2");
        BodyWriter writer = new BodyWriter(null);
        assertThat(steps).allSatisfy(s -> assertThat(writer.size(s.entries())).isLessThanOrEqualTo(100));
        assertThat(writer.size(steps.get(0).entries())).isEqualTo(100);
    }

    @Test
    void aRecordLargerThanMaxBytesAloneStandsApartInOrder() {
        List<Entry> entries = List.of(entry(0, Entry.Kind.UPSERT, 10), entry(1, Entry.Kind.UPSERT, 200), entry(2, Entry.Kind.UPSERT, 10));

        assertThat(shape(new BatchPlanner(1000, 100, new BodyWriter(null)).plan(entries)))
                .containsExactly("UPSERT:1", "TOO_LARGE:1", "UPSERT:1");
    }

    @Test
    void kindsAreNeverReorderedSoOrderPerKeyHolds() {
        List<Entry> entries = List.of(entry(0, Entry.Kind.UPSERT, 5), entry(1, Entry.Kind.UPSERT, 5), entry(2, Entry.Kind.DELETE, 5),
                entry(3, Entry.Kind.UPSERT, 5), entry(4, Entry.Kind.SKIP, 0), entry(5, Entry.Kind.INVALID, 0),
                entry(6, Entry.Kind.UPSERT, 5));

        List<Step> steps = new BatchPlanner(1000, 1000, new BodyWriter(null)).plan(entries);

        assertThat(shape(steps)).containsExactly("UPSERT:2", "DELETE:1", "UPSERT:1", "SKIP:1", "INVALID:1", "UPSERT:1");
        assertThat(steps.stream().flatMap(s -> s.entries().stream()).map(Entry::index)).containsExactly(0, 1, 2, 3, 4, 5, 6);
    }

    @Test
    void theSameRecordsAreCutTheSameWay() {
        BatchPlanner planner = new BatchPlanner(7, 300, new BodyWriter("registros"));

        assertThat(planner.plan(upserts(50, 20)).toString()).isEqualTo(planner.plan(upserts(50, 20)).toString());
    }

    @Test
    void recordsAPreviousConsumerHadCutAreCutTheSameWayThenTheRestAfresh() {
        BatchPlanner planner = new BatchPlanner(1000, 10_000_000, new BodyWriter(null));
        StepPlan crashed = new StepPlan(List.of(new StepPlan.Span(0, 3)));

        List<Step> steps = planner.plan(upserts(10, 10), crashed);

        assertThat(shape(steps)).containsExactly("UPSERT:4", "UPSERT:6");
        assertThat(steps.get(1).first().record().offset()).isEqualTo(4);
        assertThat(StepPlan.of(steps)).isEqualTo(new StepPlan(List.of(new StepPlan.Span(0, 3), new StepPlan.Span(4, 9))));
    }

    @Test
    void aPreviousPlanThatDoesNotStartHereOrIsNotWholeInThisPollIsIgnored() {
        BatchPlanner planner = new BatchPlanner(1000, 10_000_000, new BodyWriter(null));

        assertThat(shape(planner.plan(upserts(10, 10), new StepPlan(List.of(new StepPlan.Span(5, 7)))))).containsExactly("UPSERT:10");
        assertThat(shape(planner.plan(upserts(3, 10), new StepPlan(List.of(new StepPlan.Span(0, 5)))))).containsExactly("UPSERT:3");
        assertThat(shape(planner.plan(upserts(10, 10), new StepPlan(List.of(new StepPlan.Span(0, 1), new StepPlan.Span(2, 20))))))
                .containsExactly("UPSERT:2", "UPSERT:8");
    }
}
