package br.com.cdcplusoft.mapper.topology;

import br.com.cdcplusoft.core.catalog.EntityCatalog;
import br.com.cdcplusoft.core.catalog.EntityDefinition;
import br.com.cdcplusoft.core.catalog.Topic;
import br.com.cdcplusoft.core.catalog.TopicCatalog;
import br.com.cdcplusoft.core.run.RunEvent;
import br.com.cdcplusoft.mapper.mapping.MappingSpecs;
import java.time.Duration;
import java.util.Objects;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;
import tools.jackson.databind.JsonNode;

/**
 * The mapper's topology, a pure function of its settings: one independent sub-topology per entity.
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
 * {@code <entidade>-run-counts} (counts not yet reported).
 */
public final class MapperTopology {

    private MapperTopology() {
    }

    /**
     * @param entities          the entities to map (each needs a spec in {@code specs})
     * @param runReportInterval how often per-run counts are published
     */
    public record Settings(EntityCatalog entities, TopicCatalog topics, MappingSpecs specs, Duration runReportInterval) {
        public Settings {
            Objects.requireNonNull(entities, "entities");
            Objects.requireNonNull(topics, "topics");
            Objects.requireNonNull(specs, "specs");
            Objects.requireNonNull(runReportInterval, "runReportInterval");
            if (runReportInterval.isNegative() || runReportInterval.isZero()) {
                throw new IllegalArgumentException("the run report interval must be positive, was " + runReportInterval);
            }
            for (EntityDefinition e : entities.all()) {
                if (!specs.entities().contains(e.name())) {
                    throw new IllegalArgumentException("entity '" + e.name() + "' has no mapping spec");
                }
            }
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
    }

    public static Topology build(Settings settings) {
        Topology topology = new Topology();
        TopicCatalog topics = settings.topics();
        Topic<String, RunEvent> runs = topics.runEvents();
        for (EntityDefinition entity : settings.entities().all()) {
            Nodes nodes = new Nodes(entity.name());
            Topic<JsonNode, JsonNode> payloads = topics.payloads(entity.name());
            Topic<JsonNode, JsonNode> deadLetters = topics.changeDeadLetters(entity.name());
            topology.addSource(nodes.source(), new ByteArrayDeserializer(), new ByteArrayDeserializer(),
                    topics.changes(entity.name()).name());
            topology.addProcessor(nodes.mapper(),
                    () -> new ChangeMapper(entity, settings.specs(), nodes, settings.runReportInterval()), nodes.source());
            topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(nodes.rowsStore()),
                    Serdes.String(), RowState.serde()).withCachingEnabled(), nodes.mapper());
            topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(nodes.runStartsStore()),
                    Serdes.String(), Serdes.Long()), nodes.mapper());
            topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(nodes.runCountsStore()),
                    Serdes.String(), RunCounts.serde()).withCachingEnabled(), nodes.mapper());
            topology.addSink(nodes.payloadSink(), payloads.name(), payloads.keySerde().serializer(),
                    payloads.valueSerde().serializer(), nodes.mapper());
            topology.addSink(nodes.deadLetterSink(), deadLetters.name(), deadLetters.keySerde().serializer(),
                    deadLetters.valueSerde().serializer(), nodes.mapper());
            topology.addSink(nodes.runsSink(), runs.name(), runs.keySerde().serializer(), runs.valueSerde().serializer(),
                    nodes.mapper());
        }
        return topology;
    }
}
