package br.com.cdcplusoft.mapper.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.cdcplusoft.core.catalog.TopicCatalog;
import br.com.cdcplusoft.boot.PipelineProperties;
import br.com.cdcplusoft.mapper.topology.PipelineMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.util.unit.DataSize;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Every default and every invalid setting of mapper.*, the Streams properties and the declared topics. */
class MapperSettingsTest {

    private static MapperProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("mapper", Bindable.of(MapperProperties.class));
    }

    private static String bindError(String key, String value) {
        try {
            bind(Map.of(key, value));
        } catch (BindException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            return root.getMessage();
        }
        throw new AssertionError(key + "=" + value + " was accepted");
    }

    @Test
    void defaults() {
        MapperProperties p = bind(Map.of());

        assertThat(p.pipelineMode()).isEqualTo(PipelineMode.JDBC);
        assertThat(p.debezium().partitions()).isEqualTo(3);
        assertThat(p.debezium().topics(TopicCatalog.defaults())).containsExactly(
                Map.entry("MAX_EMPRESA", "consinco.base.MAX_EMPRESA"), Map.entry("GE_PESSOA", "consinco.base.GE_PESSOA"),
                Map.entry("MRL_CLIENTE", "consinco.base.MRL_CLIENTE"), Map.entry("MAP_PRODUTO", "consinco.base.MAP_PRODUTO"),
                Map.entry("MAP_FAMILIA", "consinco.base.MAP_FAMILIA"), Map.entry("MAP_MARCA", "consinco.base.MAP_MARCA"),
                Map.entry("MFL_DOCTOFISCAL", "consinco.base.MFL_DOCTOFISCAL"), Map.entry("MFL_DFITEM", "consinco.base.MFL_DFITEM"));
        assertThat(p.applicationId()).isEqualTo("plusoft-mapper");
        assertThat(p.threads()).isEqualTo(1);
        assertThat(p.commitInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(p.runReportInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(p.stateDir()).isEqualTo(Path.of("data/streams"));
        assertThat(p.shutdownTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(p.producer().linger()).isEqualTo(Duration.ofMillis(10));
        assertThat(p.producer().compression()).isEqualTo("lz4");
        assertThat(p.topics().replicationFactor()).isNull();
        assertThat(p.topics().runsPartitions()).isEqualTo(3);
        assertThat(p.topics().runsRetention()).isEqualTo(Duration.ofDays(7));
        assertThat(p.topics().deadLetterRetention()).isEqualTo(Duration.ofDays(30));
        assertThat(p.streams()).isEmpty();
        assertThat(p.rocksdb().totalMemory()).isEqualTo(DataSize.ofMegabytes(64));
        assertThat(p.rocksdb().memtableMemory()).isEqualTo(DataSize.ofMegabytes(16));
    }

    @Test
    void rocksDbBudgetIsCheckedAndReachesEveryStoreThroughTheConfigSetter() {
        assertThat(bindError("mapper.rocksdb.total-memory", "4MB"))
                .isEqualTo("mapper.rocksdb.total-memory must be at least 8MB, was 4MB");
        assertThat(bindError("mapper.rocksdb.memtable-memory", "40MB"))
                .isEqualTo("mapper.rocksdb.memtable-memory must be between 1MB and half of mapper.rocksdb.total-memory (64MB), was 40MB");

        Properties props = StreamsSettings.properties(bind(Map.of("mapper.rocksdb.total-memory", "32MB",
                "mapper.rocksdb.memtable-memory", "8MB")), Map.of());
        assertThat(props).containsEntry("rocksdb.config.setter", BoundedRocksDbMemory.class.getName())
                .containsEntry(BoundedRocksDbMemory.TOTAL_BYTES, Long.toString(32L << 20))
                .containsEntry(BoundedRocksDbMemory.MEMTABLE_BYTES, Long.toString(8L << 20));
    }

    @Test
    void modeIsCaseInsensitiveAndTableTopicsMayBeRenamedOneByOne() {
        MapperProperties p = bind(Map.of("mapper.mode", "Debezium", "mapper.debezium.tables.map_produto", "cdc.produto",
                "mapper.debezium.partitions", "6"));

        assertThat(p.pipelineMode()).isEqualTo(PipelineMode.DEBEZIUM);
        assertThat(p.debezium().partitions()).isEqualTo(6);
        assertThat(p.debezium().topics(TopicCatalog.defaults()))
                .containsEntry("MAP_PRODUTO", "consinco.cdc.produto")
                .containsEntry("MAP_MARCA", "consinco.base.MAP_MARCA")
                .hasSize(8);
    }

    @Test
    void invalidSettingsNameTheirKey() {
        assertThat(bindError("mapper.mode", "kafka")).isEqualTo("mapper.mode must be jdbc or debezium, was 'kafka'");
        assertThat(bindError("mapper.debezium.tables.MAP_ESTOQUE", "base.MAP_ESTOQUE")).isEqualTo("mapper.debezium.tables: "
                + "'MAP_ESTOQUE' is not one of the joined tables MAX_EMPRESA, GE_PESSOA, MRL_CLIENTE, MAP_PRODUTO, MAP_FAMILIA, "
                + "MAP_MARCA, MFL_DOCTOFISCAL, MFL_DFITEM");
        assertThat(bindError("mapper.debezium.tables.MAP_MARCA", "base/MAP_MARCA"))
                .isEqualTo("mapper.debezium.tables.MAP_MARCA: topic suffix 'base/MAP_MARCA' is not a legal Kafka topic name part");
        assertThat(bindError("mapper.debezium.partitions", "0")).isEqualTo("mapper.debezium.partitions must be at least 1, was 0");
        assertThat(bindError("mapper.application-id", " ")).isEqualTo("mapper.application-id must not be blank");
        assertThat(bindError("mapper.threads", "0")).isEqualTo("mapper.threads must be between 1 and 64, was 0");
        assertThat(bindError("mapper.commit-interval", "5ms"))
                .isEqualTo("mapper.commit-interval must be between 10ms and 1m, was PT0.005S");
        assertThat(bindError("mapper.bulk-commit-interval", "50ms")).isEqualTo(
                "mapper.bulk-commit-interval must be between mapper.commit-interval (PT0.1S) and 1m, was PT0.05S");
        assertThat(bindError("mapper.run-report-interval", "0s")).isEqualTo("mapper.run-report-interval must be positive, was PT0S");
        assertThat(bindError("mapper.shutdown-timeout", "-1s")).isEqualTo("mapper.shutdown-timeout must be positive, was PT-1S");
        assertThat(bindError("mapper.producer.compression", "brotli"))
                .isEqualTo("mapper.producer.compression must be one of none, gzip, snappy, lz4, zstd, was 'brotli'");
        assertThat(bindError("mapper.producer.linger", "2s")).isEqualTo("mapper.producer.linger must be between 0 and 1s, was PT2S");
        assertThat(bindError("mapper.topics.replication-factor", "0"))
                .isEqualTo("mapper.topics.replication-factor must be at least 1, was 0");
        assertThat(bindError("mapper.topics.runs-partitions", "0")).isEqualTo("mapper.topics.runs-partitions must be at least 1, was 0");
        assertThat(bindError("mapper.topics.runs-retention", "0d")).isEqualTo("mapper.topics.runs-retention must be positive, was PT0S");
        assertThat(bindError("mapper.topics.dead-letter-retention", "-1d"))
                .isEqualTo("mapper.topics.dead-letter-retention must be positive, was PT-24H");
    }

    @Test
    void aReSyncCommitsOnTheBulkIntervalWhileLiveChangesKeepTheirOwn() {
        MapperProperties p = bind(Map.of("mapper.commit-interval", "200ms", "mapper.bulk-commit-interval", "3s"));

        assertThat(StreamsSettings.properties(p, Map.of())).containsEntry("commit.interval.ms", "3000");
        assertThat(p.commitInterval()).isEqualTo(Duration.ofMillis(200));
        assertThat(bind(Map.of()).bulkCommitInterval()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void streamsAreExactlyOnceTunedAndExtraPropertiesWinLast() {
        MapperProperties p = bind(Map.of("mapper.threads", "2", "mapper.state-dir", "/var/lib/mapper",
                "mapper.streams.num.standby.replicas", "1", "mapper.topics.replication-factor", "3"));

        Properties props = StreamsSettings.properties(p, Map.of("bootstrap.servers", "kafka:9092", "security.protocol", "SSL"));

        assertThat(props).containsEntry("bootstrap.servers", "kafka:9092")
                .containsEntry("security.protocol", "SSL")
                .containsEntry("application.id", "plusoft-mapper")
                .containsEntry("processing.guarantee", "exactly_once_v2")
                .containsEntry("ensure.explicit.internal.resource.naming", "true")
                .containsEntry("commit.interval.ms", "1000")
                .containsEntry("num.stream.threads", "2")
                .containsEntry("state.dir", "/var/lib/mapper")
                .containsEntry("replication.factor", "3")
                .containsEntry("producer.linger.ms", "10")
                .containsEntry("producer.compression.type", "lz4")
                .containsEntry("consumer.auto.offset.reset", "earliest")
                .containsEntry("num.standby.replicas", "1");
    }

    @Test
    void topicsFollowTheEntityPartitionsAndPolicies() {
        List<NewTopic> topics = TopicDeclarations.of(PipelineProperties.defaults().catalog(), TopicCatalog.defaults(), bind(Map.of()));

        assertThat(topics).extracting(NewTopic::name, NewTopic::numPartitions, t -> t.configs().get("cleanup.policy"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("consinco.filiais", 1, "compact"),
                        org.assertj.core.groups.Tuple.tuple("plusoft.filiais", 1, "compact"),
                        org.assertj.core.groups.Tuple.tuple("consinco.filiais.dlq", 1, "delete"),
                        org.assertj.core.groups.Tuple.tuple("plusoft.filiais.dlq", 1, "delete"),
                        org.assertj.core.groups.Tuple.tuple("consinco.produtos", 3, "compact"),
                        org.assertj.core.groups.Tuple.tuple("plusoft.produtos", 3, "compact"),
                        org.assertj.core.groups.Tuple.tuple("consinco.produtos.dlq", 3, "delete"),
                        org.assertj.core.groups.Tuple.tuple("plusoft.produtos.dlq", 3, "delete"),
                        org.assertj.core.groups.Tuple.tuple("consinco.clientes", 3, "compact"),
                        org.assertj.core.groups.Tuple.tuple("plusoft.clientes", 3, "compact"),
                        org.assertj.core.groups.Tuple.tuple("consinco.clientes.dlq", 3, "delete"),
                        org.assertj.core.groups.Tuple.tuple("plusoft.clientes.dlq", 3, "delete"),
                        org.assertj.core.groups.Tuple.tuple("consinco.vendas", 6, "compact"),
                        org.assertj.core.groups.Tuple.tuple("plusoft.vendas", 6, "compact"),
                        org.assertj.core.groups.Tuple.tuple("consinco.vendas.dlq", 6, "delete"),
                        org.assertj.core.groups.Tuple.tuple("plusoft.vendas.dlq", 6, "delete"),
                        org.assertj.core.groups.Tuple.tuple("pipeline.runs", 3, "delete"));
        NewTopic runs = topics.get(topics.size() - 1);
        assertThat(topics).noneMatch(t -> t.name().startsWith("consinco.base."));
        assertThat(runs.configs()).containsEntry("retention.ms", "604800000");
        // the sink's dead letters, which the mapper reads, are kept as long as its own
        assertThat(topics).filteredOn(t -> t.name().equals("plusoft.clientes.dlq"))
                .allSatisfy(t -> assertThat(t.configs()).containsEntry("retention.ms", "2592000000"));
        assertThat(runs.replicationFactor()).as("broker default").isEqualTo((short) -1);
    }

    @Test
    void debeziumModeAlsoDeclaresTheBaseTopicsItsEntitiesJoinAndTheirDeadLetterTopics() {
        List<NewTopic> topics = TopicDeclarations.of(PipelineProperties.defaults().catalog(), TopicCatalog.defaults(),
                bind(Map.of("mapper.mode", "debezium")));

        assertThat(topics).filteredOn(t -> t.name().startsWith("consinco.base."))
                .extracting(NewTopic::name, NewTopic::numPartitions, t -> t.configs().get("cleanup.policy"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("consinco.base.MAX_EMPRESA", 3, "compact"),
                        org.assertj.core.groups.Tuple.tuple("consinco.base.MAX_EMPRESA.dlq", 3, "delete"),
                        org.assertj.core.groups.Tuple.tuple("consinco.base.GE_PESSOA", 3, "compact"),
                        org.assertj.core.groups.Tuple.tuple("consinco.base.GE_PESSOA.dlq", 3, "delete"),
                        org.assertj.core.groups.Tuple.tuple("consinco.base.MRL_CLIENTE", 3, "compact"),
                        org.assertj.core.groups.Tuple.tuple("consinco.base.MRL_CLIENTE.dlq", 3, "delete"),
                        org.assertj.core.groups.Tuple.tuple("consinco.base.MAP_PRODUTO", 3, "compact"),
                        org.assertj.core.groups.Tuple.tuple("consinco.base.MAP_PRODUTO.dlq", 3, "delete"),
                        org.assertj.core.groups.Tuple.tuple("consinco.base.MAP_FAMILIA", 3, "compact"),
                        org.assertj.core.groups.Tuple.tuple("consinco.base.MAP_FAMILIA.dlq", 3, "delete"),
                        org.assertj.core.groups.Tuple.tuple("consinco.base.MAP_MARCA", 3, "compact"),
                        org.assertj.core.groups.Tuple.tuple("consinco.base.MAP_MARCA.dlq", 3, "delete"),
                        org.assertj.core.groups.Tuple.tuple("consinco.base.MFL_DOCTOFISCAL", 3, "compact"),
                        org.assertj.core.groups.Tuple.tuple("consinco.base.MFL_DOCTOFISCAL.dlq", 3, "delete"),
                        org.assertj.core.groups.Tuple.tuple("consinco.base.MFL_DFITEM", 3, "compact"),
                        org.assertj.core.groups.Tuple.tuple("consinco.base.MFL_DFITEM.dlq", 3, "delete"));
        assertThat(topics).extracting(NewTopic::name).contains("consinco.produtos", "plusoft.produtos", "pipeline.runs");
    }

    @Test
    void anInstanceIdMakesEachStreamThreadAStaticMemberOfItsOwnName() {
        Properties props = StreamsSettings.properties(bind(Map.of("mapper.threads", "2")), Map.of("bootstrap.servers", "kafka:9092"),
                "mapper-a");
        StreamsConfig config = new StreamsConfig(props);

        assertThat(config.getMainConsumerConfigs("plusoft-mapper", "c-1", 1)).containsEntry("group.instance.id", "mapper-a-1")
                .containsEntry("session.timeout.ms", "10000").containsEntry("heartbeat.interval.ms", "2000");
        assertThat(config.getMainConsumerConfigs("plusoft-mapper", "c-2", 2)).containsEntry("group.instance.id", "mapper-a-2");
        // the restore and global consumers belong to no group: an instance id would fail them
        assertThat(config.getRestoreConsumerConfigs("c-restore")).doesNotContainKey("group.instance.id");
        assertThat(config.getGlobalConsumerConfigs("c-global")).doesNotContainKey("group.instance.id");
    }

    @Test
    void withoutAnInstanceIdMembershipIsDynamicAndTheSessionShortUnlessConfigured() {
        StreamsConfig dynamic = new StreamsConfig(StreamsSettings.properties(bind(Map.of()), Map.of("bootstrap.servers", "kafka:9092")));
        StreamsConfig configured = new StreamsConfig(StreamsSettings.properties(bind(Map.of("mapper.streams.session.timeout.ms", "30000")),
                Map.of("bootstrap.servers", "kafka:9092"), "mapper-a"));

        assertThat(dynamic.getMainConsumerConfigs("plusoft-mapper", "c-1", 1)).doesNotContainKey("group.instance.id")
                .containsEntry("session.timeout.ms", "10000");
        assertThat(configured.getMainConsumerConfigs("plusoft-mapper", "c-1", 1)).containsEntry("session.timeout.ms", "30000");
    }
}
