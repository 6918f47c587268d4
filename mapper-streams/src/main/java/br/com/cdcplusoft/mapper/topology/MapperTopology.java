package br.com.cdcplusoft.mapper.topology;

import br.com.cdcplusoft.core.catalog.EntityCatalog;
import br.com.cdcplusoft.core.catalog.EntityDefinition;
import br.com.cdcplusoft.core.catalog.Topic;
import br.com.cdcplusoft.core.catalog.TopicCatalog;
import br.com.cdcplusoft.core.run.RunEvent;
import br.com.cdcplusoft.mapper.join.JoinTopology;
import br.com.cdcplusoft.mapping.MappingSpecs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.state.BuiltInDslStoreSuppliers;
import org.apache.kafka.streams.state.DslKeyValueParams;
import org.apache.kafka.streams.state.DslStoreSuppliers;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;
import tools.jackson.databind.JsonNode;

/**
 * The mapper's topology, a pure function of its settings: one independent sub-topology per entity,
 * and in {@link PipelineMode#DEBEZIUM} mode the joins of {@link JoinTopology} in front, which write
 * the {@code consinco.<entidade>} events these sub-topologies read.
 *
 * <ul>
 *   <li>in {@code consinco.<entidade>}: key = source primary key JSON ({@code {"SEQPRODUTO":10}}), value =
 *       change event JSON (Debezium envelope, schemas on or off), or null (tombstone). Read as bytes so
 *       that unreadable records become dead letters. Run-end markers ({@code op = m}) are consumed, never forwarded.</li>
 *   <li>out {@code plusoft.<entidade>}: key = Plusoft identity JSON ({@code {"IDPRODUTO":10}},
 *       {@code {"IDCUPOM":1,"IDPRODUTO":2}}), value = Plusoft payload JSON, or null (tombstone) for a
 *       delete; headers of the change event (run id, forced) carried over.</li>
 *   <li>out {@code consinco.<entidade>.dlq}: key = the source key JSON (null if unreadable), value =
 *       dead letter JSON (see {@link DeadLetter}).</li>
 *   <li>out {@code pipeline.runs}: key = run id, value = {@link RunEvent} deltas (MAPPED, UNCHANGED,
 *       MAPPER_DEAD_LETTERED), sent every {@code runReportInterval} of wall-clock time.</li>
 * </ul>
 * State per entity: {@code <entidade>-rows} (per source key: Plusoft key, payload hash, last run and
 * offset seen), {@code <entidade>-run-starts} (first offset of each open run on the partition),
 * {@code <entidade>-run-counts} (counts not yet reported), and the global {@code <entidade>-rejected}
 * (per Plusoft key, when the sink last dead-lettered it), read from {@code plusoft.<entidade>.dlq}:
 * a payload Plusoft refused is not "unchanged", so the next plain re-sync sends it again.
 */
public final class MapperTopology {

    private MapperTopology() {
    }

    /**
     * @param entities          the entities to map (each needs a spec in {@code specs})
     * @param runReportInterval how often per-run counts are published
     * @param mode              {@link PipelineMode#DEBEZIUM} adds the joins of the base-table topics in front
     * @param tableTopics       debezium mode: base table name -> its change topic (see {@link JoinTopology#defaultTableTopics})
     * @param maxDeleteShare    the delete guard: a run's end deletes nothing when it would delete more than this share
     *                          (0..1) of the rows the mapper knows on the partition, unless the operator confirmed it
     * @param liveCommitInterval how soon a change outside a snapshot run asks for its transaction's commit
     */
    public record Settings(EntityCatalog entities, TopicCatalog topics, MappingSpecs specs, Duration runReportInterval,
                           PipelineMode mode, Map<String, String> tableTopics, double maxDeleteShare,
                           Duration liveCommitInterval) {

        public static final double DEFAULT_MAX_DELETE_SHARE = 0.10;
        public static final Duration DEFAULT_LIVE_COMMIT_INTERVAL = Duration.ofMillis(100);

        /** The JDBC mode: change events come from the extractor. */
        public Settings(EntityCatalog entities, TopicCatalog topics, MappingSpecs specs, Duration runReportInterval) {
            this(entities, topics, specs, runReportInterval, PipelineMode.JDBC, Map.of());
        }

        public Settings(EntityCatalog entities, TopicCatalog topics, MappingSpecs specs, Duration runReportInterval,
                        PipelineMode mode, Map<String, String> tableTopics) {
            this(entities, topics, specs, runReportInterval, mode, tableTopics, DEFAULT_MAX_DELETE_SHARE);
        }

        public Settings(EntityCatalog entities, TopicCatalog topics, MappingSpecs specs, Duration runReportInterval,
                        PipelineMode mode, Map<String, String> tableTopics, double maxDeleteShare) {
            this(entities, topics, specs, runReportInterval, mode, tableTopics, maxDeleteShare, DEFAULT_LIVE_COMMIT_INTERVAL);
        }

        public Settings {
            Objects.requireNonNull(entities, "entities");
            Objects.requireNonNull(topics, "topics");
            Objects.requireNonNull(specs, "specs");
            Objects.requireNonNull(runReportInterval, "runReportInterval");
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(liveCommitInterval, "liveCommitInterval");
            tableTopics = tableTopics == null ? Map.of() : Map.copyOf(tableTopics);
            if (runReportInterval.isNegative() || runReportInterval.isZero()) {
                throw new IllegalArgumentException("the run report interval must be positive, was " + runReportInterval);
            }
            if (!(maxDeleteShare >= 0 && maxDeleteShare <= 1)) {
                throw new IllegalArgumentException("the delete guard's share must be between 0 and 1, was " + maxDeleteShare);
            }
            for (EntityDefinition e : entities.all()) {
                if (!specs.entities().contains(e.name())) {
                    throw new IllegalArgumentException("entity '" + e.name() + "' has no mapping spec");
                }
            }
            if (mode == PipelineMode.DEBEZIUM) {
                new JoinTopology.Settings(entities, topics, tableTopics); // checks the entities can be joined
                List<String> problems = new ArrayList<>();
                for (EntityDefinition e : entities.all()) {
                    List<String> produced = JoinTopology.columnsOf(e.name());
                    specs.sourceColumns(e.name()).forEach((field, columns) -> columns.stream()
                            .filter(c -> !produced.contains(c))
                            .forEach(c -> problems.add("mapping '" + e.name() + "': field '" + field + "' reads column '" + c
                                    + "' which the debezium join of " + e.source() + " does not produce")));
                }
                if (!problems.isEmpty()) {
                    throw new IllegalArgumentException(String.join("\n", problems));
                }
            }
        }

        JoinTopology.Settings joins() {
            return new JoinTopology.Settings(entities, topics, tableTopics);
        }
    }

    /** Node and store names of one entity's sub-topology. */
    record Nodes(String entity) {
        String source() {
            return entity + "-changes";
        }

        String mapper() {
            return entity + "-mapper";
        }

        String payloadSink() {
            return entity + "-payloads";
        }

        String deadLetterSink() {
            return entity + "-dead-letters";
        }

        String runsSink() {
            return entity + "-runs";
        }

        String rowsStore() {
            return entity + "-rows";
        }

        String runStartsStore() {
            return entity + "-run-starts";
        }

        String runCountsStore() {
            return entity + "-run-counts";
        }

        String rejectedSource() {
            return entity + "-sink-dead-letters";
        }

        String rejectedUpdater() {
            return entity + "-sink-dead-letter-reader";
        }

        String rejectedStore() {
            return entity + "-rejected";
        }
    }

    /** The topology with Kafka Streams' default stores (RocksDB). */
    public static Topology build(Settings settings) {
        return build(settings, null);
    }

    /**
     * @param streams the properties the topology will run with, or null for the defaults: DSL settings
     *                apply, such as {@code dsl.store.suppliers.class}, which chooses every store's kind
     *                (RocksDB by default, or in memory, rebuilt from the changelogs at start)
     */
    public static Topology build(Settings settings, Properties streams) {
        TopologyConfig config = streams == null ? null : new TopologyConfig(new StreamsConfig(streams));
        DslStoreSuppliers stores = Optional.ofNullable(config).flatMap(TopologyConfig::resolveDslStoreSuppliers)
                .orElseGet(BuiltInDslStoreSuppliers.RocksDBDslStoreSuppliers::new);
        StreamsBuilder joins = config == null ? new StreamsBuilder() : new StreamsBuilder(config);
        if (settings.mode() == PipelineMode.DEBEZIUM) {
            JoinTopology.addTo(joins, settings.joins(), stores);
        }
        // the joins are DSL (foreign-key joins need it), the mapping is Processor API: one topology
        Topology topology = joins.build();
        TopicCatalog topics = settings.topics();
        Topic<String, RunEvent> runs = topics.runEvents();
        for (EntityDefinition entity : settings.entities().all()) {
            Nodes nodes = new Nodes(entity.name());
            Topic<JsonNode, JsonNode> payloads = topics.payloads(entity.name());
            Topic<JsonNode, JsonNode> deadLetters = topics.changeDeadLetters(entity.name());
            topology.addSource(nodes.source(), new ByteArrayDeserializer(), new ByteArrayDeserializer(),
                    topics.changes(entity.name()).name());
            topology.addProcessor(nodes.mapper(),
                    () -> new ChangeMapper(entity, settings.specs(), nodes, settings.runReportInterval(), settings.maxDeleteShare(),
                            settings.liveCommitInterval()),
                    nodes.source());
            // no record cache in front of the rows: a row is written once per change, so the cache would only
            // add its own bookkeeping to every write (the run counts, written per row under a few keys, keep one)
            topology.addStateStore(Stores.keyValueStoreBuilder(persistent(stores, nodes.rowsStore()),
                    Serdes.String(), RowState.serde()), nodes.mapper());
            topology.addStateStore(Stores.keyValueStoreBuilder(persistent(stores, nodes.runStartsStore()),
                    Serdes.String(), Serdes.Long()), nodes.mapper());
            topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(nodes.runCountsStore()),
                    Serdes.String(), RunCounts.serde()).withCachingEnabled(), nodes.mapper());
            // global: the sink dead-letters by Plusoft key, on whatever partition, while rows are kept by source key
            topology.addGlobalStore(Stores.keyValueStoreBuilder(persistent(stores, nodes.rejectedStore()),
                            Serdes.String(), Serdes.Long()).withLoggingDisabled(), nodes.rejectedSource(),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer(), topics.payloadDeadLetters(entity.name()).name(),
                    nodes.rejectedUpdater(), () -> new RejectedPayloads(nodes.rejectedStore()));
            // the mapper serialises key and payload once (the payload's hash is of those bytes) and forwards the bytes
            topology.addSink(nodes.payloadSink(), payloads.name(), new ByteArraySerializer(), new ByteArraySerializer(),
                    nodes.mapper());
            topology.addSink(nodes.deadLetterSink(), deadLetters.name(), deadLetters.keySerde().serializer(),
                    deadLetters.valueSerde().serializer(), nodes.mapper());
            topology.addSink(nodes.runsSink(), runs.name(), runs.keySerde().serializer(), runs.valueSerde().serializer(),
                    nodes.mapper());
        }
        return topology;
    }

    /** A store that must outlive a restart, of the kind the settings choose (RocksDB unless told otherwise). */
    private static KeyValueBytesStoreSupplier persistent(DslStoreSuppliers stores, String name) {
        return stores.keyValueStore(new DslKeyValueParams(name, false));
    }
}
