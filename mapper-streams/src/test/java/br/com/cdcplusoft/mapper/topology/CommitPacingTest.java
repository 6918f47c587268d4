package br.com.cdcplusoft.mapper.topology;

import static br.com.cdcplusoft.mapper.topology.TopologyFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import br.com.cdcplusoft.core.envelope.PipelineHeaders;
import br.com.cdcplusoft.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A change outside any snapshot run asks for its commit within the live commit interval, while a
 * re-sync's rows leave the commit to the stream's longer (bulk) interval.
 */
class CommitPacingTest {

    private static final Duration LIVE = Duration.ofMillis(100);

    private final MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
    private final MapperTopology.Nodes nodes = new MapperTopology.Nodes("produtos");
    private ChangeMapper mapper;
    private long offset;

    @BeforeEach
    void start() {
        store(nodes.rowsStore(), RowState.serde());
        store(nodes.runStartsStore(), Serdes.Long());
        store(nodes.runCountsStore(), RunCounts.serde());
        store(nodes.rejectedStore(), Serdes.Long());
        mapper = new ChangeMapper(TopologyFixture.ENTITIES.get("produtos"), TopologyFixture.SPECS, nodes, Duration.ofSeconds(1),
                MapperTopology.Settings.DEFAULT_MAX_DELETE_SHARE, LIVE);
        mapper.init(context);
    }

    @Test
    void aLiveChangeAsksForItsCommitAtTheNextLiveTick() {
        process(1, new RecordHeaders());
        assertThat(context.forwarded()).hasSize(1);
        assertThat(context.committed()).isFalse();

        liveTick();

        assertThat(context.committed()).isTrue();
    }

    @Test
    void aReSyncsRowsLeaveTheCommitToTheBulkInterval() {
        Headers run = new RecordHeaders();
        PipelineHeaders.set(run, PipelineHeaders.RUN_ID, "run-1");
        PipelineHeaders.set(run, PipelineHeaders.FORCED, "true");
        for (int seq = 1; seq <= 3; seq++) {
            process(seq, run);
        }

        liveTick();

        assertThat(context.forwarded()).hasSize(3);
        assertThat(context.committed()).isFalse();
    }

    @Test
    void aTickWithoutANewLiveChangeAsksForNothing() {
        process(1, new RecordHeaders());
        liveTick();
        context.resetCommit();

        liveTick();

        assertThat(context.committed()).isFalse();
    }

    private void liveTick() {
        List<MockProcessorContext.CapturedPunctuator> ticks = context.scheduledPunctuators().stream()
                .filter(p -> p.getType() == PunctuationType.WALL_CLOCK_TIME && p.getInterval().equals(LIVE)).toList();
        assertThat(ticks).hasSize(1);
        ticks.get(0).getPunctuator().punctuate(System.currentTimeMillis());
    }

    private void process(int seq, Headers headers) {
        context.setRecordMetadata("consinco.produtos", 0, offset++);
        String after = "{\"SEQPRODUTO\":" + seq + ",\"DESCCOMPLETA\":\"ARROZ\",\"DESCREDUZIDA\":null,\"SEQFAMILIA\":1,"
                + "\"FAMILIA\":\"ARROZ\",\"PESAVEL\":\"N\",\"MARCA\":\"Camil\"}";
        byte[] value = Json.mapper().writeValueAsBytes(TopologyFixture.upsert(json(after)));
        mapper.process(new Record<>(("{\"SEQPRODUTO\":" + seq + "}").getBytes(StandardCharsets.UTF_8), value, 0L, headers));
    }

    private <V> void store(String name, Serde<V> values) {
        KeyValueStore<String, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), values)
                .withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
    }
}
