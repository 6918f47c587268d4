package br.com.cdcplusoft.mapper.join;

import br.com.cdcplusoft.core.catalog.EntityCatalog;
import br.com.cdcplusoft.core.catalog.EntityDefinition;
import br.com.cdcplusoft.core.catalog.Topic;
import br.com.cdcplusoft.core.catalog.TopicCatalog;
import br.com.cdcplusoft.core.envelope.ChangeEvent;
import br.com.cdcplusoft.core.json.JsonSerdes;
import br.com.cdcplusoft.mapper.join.ViewDefinition.Filter;
import br.com.cdcplusoft.mapper.join.ViewDefinition.ForeignKeyJoin;
import br.com.cdcplusoft.mapper.join.ViewDefinition.KeyJoin;
import br.com.cdcplusoft.mapper.join.ViewDefinition.Step;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TableJoined;
import org.apache.kafka.streams.state.DslKeyValueParams;
import org.apache.kafka.streams.state.DslStoreSuppliers;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import tools.jackson.databind.JsonNode;

/**
 * The Debezium mode's first stage, a pure function of its settings: the base-table change topics
 * Debezium writes are joined, with KTables, into the rows the integration views would give, and
 * written as view change events to {@code consinco.<entidade>}, where the mapping stage reads them
 * exactly as it reads the JDBC extractor's.
 *
 * <ul>
 *   <li>in {@code consinco.base.<TABLE>} (one per captured table): key = the table's primary key as
 *       JSON integers ({@code {"SEQFAMILIA":100}}), value = Debezium envelope with schemas off
 *       ({@code decimal.handling.mode=string}, {@code time.precision.mode=adaptive}); {@code op=d}
 *       and the tombstone after it delete the row.</li>
 *   <li>out {@code consinco.<entidade>}: key = the view's key ({@code {"SEQPRODUTO":10}},
 *       {@code {"SEQNF":1,"SEQPRODUTO":2}}), value = change event of the view row ({@code c}, {@code u},
 *       {@code d} with its before image followed by a tombstone); re-sync rows carry {@code source.forced}.</li>
 *   <li>out {@code consinco.base.<TABLE>.dlq}: base records that cannot be read, in the mapper's
 *       dead-letter shape.</li>
 * </ul>
 * Joins, as the views': produtos = MAP_PRODUTO left-FK-join MAP_FAMILIA left-FK-join MAP_MARCA;
 * filiais = MAX_EMPRESA left-FK-join GE_PESSOA; clientes = GE_PESSOA join MRL_CLIENTE (same key,
 * co-partitioned) where STATUS = 'A'; vendas = MFL_DFITEM FK-join MFL_DOCTOFISCAL left-FK-join
 * GE_PESSOA. A foreign-key join re-emits every row pointing at a changed row: a renamed brand
 * re-emits its products, a cancelled coupon its items.
 *
 * <p>In {@code consinco.notifications} (the connector's notification topic, a global store): the
 * incremental snapshot each table is in, by the id of the signal that started it, i.e. the
 * gateway's run id ({@link SnapshotRuns}); the view rows a re-sync brings carry it as their run id.
 *
 * <p>Stores: {@code base-<TABLE>} (each table's rows), {@code <entidade>-joined-<alias>} (the join
 * results) and {@code <entidade>-view-rows} (the last row emitted per view key); internal topics are
 * named after them, so they stay stable across versions.
 */
public final class JoinTopology {

    /** The tables the joins can read, in the order the connector captures them. */
    public static final List<String> TABLES = List.copyOf(BaseTable.CONSINCO.keySet());

    private static final Serde<JsonNode> KEYS = JsonSerdes.jsonNode();

    private JoinTopology() {
    }

    /**
     * @param entities    the entities to build (each must be one of the four Consinco views)
     * @param tableTopics base table name -> its change topic; every table the entities' views read is needed
     */
    public record Settings(EntityCatalog entities, TopicCatalog topics, Map<String, String> tableTopics,
                           String notificationTopic) {

        /** With the connector's notification topic at its default, {@link #defaultNotificationTopic}. */
        public Settings(EntityCatalog entities, TopicCatalog topics, Map<String, String> tableTopics) {
            this(entities, topics, tableTopics, defaultNotificationTopic(topics));
        }

        public Settings {
            Objects.requireNonNull(entities, "entities");
            Objects.requireNonNull(topics, "topics");
            tableTopics = Collections.unmodifiableMap(new LinkedHashMap<>(tableTopics));
            List<String> problems = new ArrayList<>();
            for (EntityDefinition entity : entities.all()) {
                problems.addAll(problems(entity));
            }
            for (String table : tablesOf(entities)) {
                if (tableTopics.get(table) == null) {
                    problems.add("no change topic is configured for table " + table);
                }
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(String.join("\n", problems));
            }
        }
    }

    /**
     * A table's topic suffix after {@code pipeline.topics.change-prefix} unless configured:
     * {@code base.<TABLE>}, as the connector's RegexRouter and the embedded engine route it.
     */
    public static String defaultTopicSuffix(String table) {
        return "base." + table;
    }

    /**
     * The connector's notification topic ({@code notification.sink.topic.name} of
     * connect-config/consinco-oracle.json): {@code consinco.notifications}.
     */
    public static String defaultNotificationTopic(TopicCatalog topics) {
        return topics.changePrefix() + "notifications";
    }

    /** Every table's default change topic ({@code consinco.base.<TABLE>}). */
    public static Map<String, String> defaultTableTopics(TopicCatalog topics) {
        Map<String, String> map = new LinkedHashMap<>();
        TABLES.forEach(t -> map.put(t, topics.changePrefix() + defaultTopicSuffix(t)));
        return map;
    }

    /** The base tables the entities' views read (their topics must exist), in capture order. */
    public static List<String> tablesOf(EntityCatalog entities) {
        Set<String> used = new LinkedHashSet<>();
        entities.all().forEach(e -> {
            ViewDefinition view = ConsincoViews.BY_ENTITY.get(e.name());
            if (view != null) {
                view.tables().forEach(t -> used.add(t.name()));
            }
        });
        return TABLES.stream().filter(used::contains).toList();
    }

    /** The columns of the view row an entity's join produces, in view order. */
    public static List<String> columnsOf(String entity) {
        ViewDefinition view = ConsincoViews.BY_ENTITY.get(entity);
        if (view == null) {
            throw new IllegalArgumentException(unknownEntity(entity));
        }
        return view.columnNames();
    }

    /** Why an entity cannot be joined from base tables, or nothing. */
    private static List<String> problems(EntityDefinition entity) {
        ViewDefinition view = ConsincoViews.BY_ENTITY.get(entity.name());
        if (view == null) {
            return List.of(unknownEntity(entity.name()));
        }
        List<String> problems = new ArrayList<>();
        if (!entity.keyColumns().equals(view.keyColumns())) {
            problems.add("entity '" + entity.name() + "': key-columns " + entity.keyColumns() + " differ from the key "
                    + view.keyColumns() + " the debezium joins give " + view.view());
        }
        if (entity.filter() != null) {
            problems.add("entity '" + entity.name() + "': filter '" + entity.filter() + "' is SQL on the view, which the"
                    + " debezium mode does not read; remove it or run the jdbc mode");
        }
        return problems;
    }

    private static String unknownEntity(String entity) {
        return "entity '" + entity + "' has no debezium join: the debezium mode rebuilds only the views of "
                + String.join(", ", ConsincoViews.BY_ENTITY.keySet());
    }

    /**
     * Adds the base tables and each entity's joins to {@code builder}; the DSL's stores follow the
     * builder's configuration, the emitters' stores come from {@code stores}.
     */
    public static void addTo(StreamsBuilder builder, Settings settings, DslStoreSuppliers stores) {
        Map<String, KTable<JsonNode, BaseRow>> tables = new LinkedHashMap<>();
        for (String name : tablesOf(settings.entities())) {
            tables.put(name, table(builder, BaseTable.CONSINCO.get(name), settings.tableTopics().get(name),
                    settings.topics().deadLetterSuffix()));
        }
        if (settings.notificationTopic() != null) {
            builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(SnapshotRuns.STORE),
                            Serdes.String(), Serdes.String()).withLoggingDisabled(), settings.notificationTopic(),
                    Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("debezium-notifications"), SnapshotRuns::new);
        }
        for (EntityDefinition entity : settings.entities().all()) {
            ViewDefinition view = ConsincoViews.BY_ENTITY.get(entity.name());
            KTable<JsonNode, JoinedRow> joined = join(view, tables);
            String store = entity.name() + "-view-rows";
            builder.addStateStore(Stores.keyValueStoreBuilder(stores.keyValueStore(new DslKeyValueParams(store, false)),
                    KEYS, JoinedRow.serde()));
            Topic<JsonNode, ChangeEvent> changes = settings.topics().changes(entity.name());
            joined.toStream(Named.as(entity.name() + "-view-updates"))
                    .processValues(() -> new ViewEmitter(view, store, settings.notificationTopic() != null),
                            Named.as(entity.name() + "-view-emitter"), store)
                    .to(changes.name(), Produced.with(changes.keySerde(), changes.valueSerde())
                            .withName(entity.name() + "-view-changes"));
        }
    }

    /** One base table: its topic read as Debezium writes it, unreadable records dead-lettered, the rest a KTable. */
    private static KTable<JsonNode, BaseRow> table(StreamsBuilder builder, BaseTable table, String topic, String dlqSuffix) {
        String prefix = "base-" + table.name();
        KStream<JsonNode, BaseEventReader.Read> reads = builder
                .stream(topic, Consumed.with(Serdes.serdeFrom(KEYS.serializer(), BaseEventReader.lenientKeys(table)),
                        Serdes.ByteArray()).withName(prefix + "-source"))
                .processValues(() -> new BaseEventReader(table), Named.as(prefix + "-reader"));
        reads.filter((key, read) -> read.deadLetter() != null, Named.as(prefix + "-unreadable"))
                .mapValues(BaseEventReader.Read::deadLetter, Named.as(prefix + "-dead-letter"))
                .to(topic + dlqSuffix, Produced.with(KEYS, JsonSerdes.jsonNode()).withName(prefix + "-dead-letters"));
        return reads.filter((key, read) -> read.changesTable(), Named.as(prefix + "-changes"))
                .mapValues(BaseEventReader.Read::row, Named.as(prefix + "-rows"))
                .toTable(Named.as(prefix + "-table"), Materialized.<JsonNode, BaseRow, KeyValueStore<Bytes, byte[]>>as(prefix)
                        .withKeySerde(KEYS).withValueSerde(BaseRow.serde()));
    }

    /** The view's joins and filters, as KTable operations, from its first table to the joined view table. */
    private static KTable<JsonNode, JoinedRow> join(ViewDefinition view, Map<String, KTable<JsonNode, BaseRow>> tables) {
        String entity = view.entity();
        String fromAlias = view.from().alias();
        KTable<JsonNode, JoinedRow> current = tables.get(view.from().table().name())
                .mapValues(row -> JoinedRow.of(fromAlias, row), Named.as(entity + "-from-" + fromAlias),
                        Materialized.with(KEYS, JoinedRow.serde()));
        for (Step step : view.steps()) {
            if (step instanceof ForeignKeyJoin fk) {
                String alias = fk.joined().alias();
                KTable<JsonNode, BaseRow> other = tables.get(fk.joined().table().name());
                TableJoined<JsonNode, JsonNode> named = TableJoined.as(entity + "-join-" + alias);
                Materialized<JsonNode, JoinedRow, KeyValueStore<Bytes, byte[]>> result = Materialized
                        .<JsonNode, JoinedRow, KeyValueStore<Bytes, byte[]>>as(entity + "-joined-" + alias)
                        .withKeySerde(KEYS).withValueSerde(JoinedRow.serde());
                current = fk.inner()
                        ? current.join(other, fk::foreignKey, (left, right) -> left.with(alias, right), named, result)
                        : current.leftJoin(other, fk::foreignKey, (left, right) -> left.with(alias, right), named, result);
            } else if (step instanceof KeyJoin kj) {
                String alias = kj.joined().alias();
                current = current.join(tables.get(kj.joined().table().name()), (left, right) -> left.with(alias, right),
                        Named.as(entity + "-join-" + alias), Materialized
                                .<JsonNode, JoinedRow, KeyValueStore<Bytes, byte[]>>as(entity + "-joined-" + alias)
                                .withKeySerde(KEYS).withValueSerde(JoinedRow.serde()));
            } else if (step instanceof Filter filter) {
                current = current.filter((key, row) -> filter.matches().test(row), Named.as(entity + "-where"));
            }
        }
        return current;
    }
}
