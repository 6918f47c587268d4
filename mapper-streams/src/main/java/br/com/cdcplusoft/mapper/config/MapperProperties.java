package br.com.cdcplusoft.mapper.config;

import br.com.cdcplusoft.core.catalog.TopicCatalog;
import br.com.cdcplusoft.mapper.join.JoinTopology;
import br.com.cdcplusoft.mapper.topology.PipelineMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The mapper's settings ({@code mapper.*}), checked once at start-up with messages that name the key.
 * The mapping specs' folder ({@code mapper.specs-dir}) is read by
 * {@link br.com.cdcplusoft.mapping.MappingConfiguration}, which the gateway shares.
 *
 * @param mode              {@code jdbc} (the extractor writes view rows) or {@code debezium} (the mapper joins the
 *                          base-table topics Debezium writes into view rows first); env {@code PIPELINE_MODE}
 * @param debezium          the base-table topics of the debezium mode
 * @param applicationId     Kafka Streams application id: consumer group, state and internal topic prefix
 * @param threads           stream threads of this instance (tasks are spread over instances x threads)
 * @param commitInterval    how soon a change outside a snapshot run commits (exactly-once: the sink sees only
 *                          committed records), so the mapper's share of a change's latency
 * @param bulkCommitInterval how long a snapshot run's rows may gather in one exactly-once transaction when no
 *                          live change is waiting (Kafka Streams' {@code commit.interval.ms}); at least
 *                          {@code commitInterval}. Fewer, larger transactions cost the mapper and the broker less
 *                          per row (bench/README.md)
 * @param runReportInterval how often per-run counts go to the runs topic
 * @param stateDir          local state (RocksDB); rebuilt from changelogs when lost
 * @param shutdownTimeout   how long closing waits for in-flight work
 * @param producer          producer tuning
 * @param topics            how the mapper declares the topics it needs
 * @param rocksdb           the one off-heap budget all RocksDB stores of this instance share
 * @param streams           any further Kafka Streams property, applied last (e.g. {@code num.standby.replicas})
 * @param maxDeleteShare    the delete guard: a completed run that would delete more than this share (0..1) of the
 *                          rows known deletes nothing, unless confirmed ({@code ?confirmarExclusoes=true}); default 0.10
 */
@ConfigurationProperties("mapper")
record MapperProperties(
        @DefaultValue("jdbc") String mode,
        @DefaultValue Debezium debezium,
        @DefaultValue("plusoft-mapper") String applicationId,
        @DefaultValue("1") int threads,
        @DefaultValue("100ms") Duration commitInterval,
        @DefaultValue("1s") Duration bulkCommitInterval,
        @DefaultValue("1s") Duration runReportInterval,
        @DefaultValue("data/streams") Path stateDir,
        @DefaultValue("30s") Duration shutdownTimeout,
        @DefaultValue Producer producer,
        @DefaultValue Topics topics,
        @DefaultValue RocksDb rocksdb,
        Map<String, String> streams,
        @DefaultValue("0.10") double maxDeleteShare) {

    static final List<String> COMPRESSIONS = List.of("none", "gzip", "snappy", "lz4", "zstd");
    private static final Pattern TOPIC_PART = Pattern.compile("[a-zA-Z0-9._-]+");

    /**
     * @param linger      how long the producer waits to fill a batch
     * @param compression none, gzip, snappy, lz4 or zstd
     */
    record Producer(@DefaultValue("10ms") Duration linger, @DefaultValue("lz4") String compression) {
        public Producer {
            if (linger == null || linger.isNegative() || linger.compareTo(Duration.ofSeconds(1)) > 0) {
                throw new IllegalArgumentException("mapper.producer.linger must be between 0 and 1s, was " + linger);
            }
            if (compression == null || !COMPRESSIONS.contains(compression)) {
                throw new IllegalArgumentException("mapper.producer.compression must be one of "
                        + String.join(", ", COMPRESSIONS) + ", was '" + compression + "'");
            }
        }
    }

    /**
     * @param tables     base table -> topic suffix after {@code pipeline.topics.change-prefix}; tables not
     *                   listed keep {@code base.<TABLE>}, the connector's route (as {@code extractor.debezium.tables})
     * @param partitions partitions of the base-table topics the mapper creates when they are missing; tables
     *                   joined on their key (GE_PESSOA, MRL_CLIENTE) must have as many partitions as each other
     */
    record Debezium(Map<String, String> tables, @DefaultValue("3") int partitions) {
        public Debezium {
            Map<String, String> routes = new LinkedHashMap<>();
            JoinTopology.TABLES.forEach(t -> routes.put(t, JoinTopology.defaultTopicSuffix(t)));
            (tables == null ? Map.<String, String>of() : tables).forEach((table, suffix) -> {
                String name = table == null ? "" : table.strip().toUpperCase(Locale.ROOT);
                if (!JoinTopology.TABLES.contains(name)) {
                    throw new IllegalArgumentException("mapper.debezium.tables: '" + table + "' is not one of the joined tables "
                            + String.join(", ", JoinTopology.TABLES));
                }
                if (suffix == null || !TOPIC_PART.matcher(suffix.strip()).matches()) {
                    throw new IllegalArgumentException("mapper.debezium.tables." + name + ": topic suffix '" + suffix
                            + "' is not a legal Kafka topic name part");
                }
                routes.put(name, suffix.strip());
            });
            tables = Collections.unmodifiableMap(routes);
            if (partitions < 1) {
                throw new IllegalArgumentException("mapper.debezium.partitions must be at least 1, was " + partitions);
            }
        }

        /** Table -> full topic name. */
        Map<String, String> topics(TopicCatalog catalog) {
            Map<String, String> topics = new LinkedHashMap<>();
            tables.forEach((table, suffix) -> topics.put(table, catalog.changePrefix() + suffix));
            return topics;
        }
    }

    /**
     * @param replicationFactor   replicas of created topics; unset = the broker's default
     * @param runsPartitions      partitions of the runs topic
     * @param runsRetention       how long run events are kept
     * @param deadLetterRetention how long dead letters are kept
     */
    record Topics(Short replicationFactor, @DefaultValue("3") int runsPartitions,
                         @DefaultValue("7d") Duration runsRetention, @DefaultValue("30d") Duration deadLetterRetention) {
        public Topics {
            if (replicationFactor != null && replicationFactor < 1) {
                throw new IllegalArgumentException("mapper.topics.replication-factor must be at least 1, was " + replicationFactor);
            }
            if (runsPartitions < 1) {
                throw new IllegalArgumentException("mapper.topics.runs-partitions must be at least 1, was " + runsPartitions);
            }
            positive("mapper.topics.runs-retention", runsRetention);
            positive("mapper.topics.dead-letter-retention", deadLetterRetention);
        }
    }

    /**
     * @param totalMemory    block cache, index/filter blocks and memtables of every store together
     * @param memtableMemory the part of it memtables may take (at most half)
     */
    record RocksDb(@DefaultValue("64MB") DataSize totalMemory, @DefaultValue("16MB") DataSize memtableMemory) {
        public RocksDb {
            if (totalMemory == null || totalMemory.toMegabytes() < 8) {
                throw new IllegalArgumentException("mapper.rocksdb.total-memory must be at least 8MB, was " + describe(totalMemory));
            }
            if (memtableMemory == null || memtableMemory.toBytes() < DataSize.ofMegabytes(1).toBytes()
                    || memtableMemory.toBytes() > totalMemory.toBytes() / 2) {
                throw new IllegalArgumentException("mapper.rocksdb.memtable-memory must be between 1MB and half of"
                        + " mapper.rocksdb.total-memory (" + describe(totalMemory) + "), was " + describe(memtableMemory));
            }
        }

        private static String describe(DataSize size) {
            long bytes = size == null ? 0 : size.toBytes();
            return bytes % (1 << 20) == 0 ? (bytes >> 20) + "MB" : bytes + "B";
        }
    }

    public MapperProperties {
        PipelineMode.of("mapper.mode", mode);
        mode = mode.strip().toLowerCase(Locale.ROOT);
        debezium = debezium == null ? new Debezium(Map.of(), 3) : debezium;
        if (applicationId == null || applicationId.isBlank()) {
            throw new IllegalArgumentException("mapper.application-id must not be blank");
        }
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("mapper.threads must be between 1 and 64, was " + threads);
        }
        if (commitInterval == null || commitInterval.compareTo(Duration.ofMillis(10)) < 0
                || commitInterval.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("mapper.commit-interval must be between 10ms and 1m, was " + commitInterval);
        }
        bulkCommitInterval = bulkCommitInterval == null ? Duration.ofSeconds(1) : bulkCommitInterval;
        if (bulkCommitInterval.compareTo(commitInterval) < 0 || bulkCommitInterval.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("mapper.bulk-commit-interval must be between mapper.commit-interval ("
                    + commitInterval + ") and 1m, was " + bulkCommitInterval);
        }
        positive("mapper.run-report-interval", runReportInterval);
        positive("mapper.shutdown-timeout", shutdownTimeout);
        if (stateDir == null) {
            throw new IllegalArgumentException("mapper.state-dir must be set");
        }
        producer = producer == null ? new Producer(Duration.ofMillis(10), "lz4") : producer;
        topics = topics == null ? new Topics(null, 3, Duration.ofDays(7), Duration.ofDays(30)) : topics;
        rocksdb = rocksdb == null ? new RocksDb(DataSize.ofMegabytes(64), DataSize.ofMegabytes(16)) : rocksdb;
        streams = streams == null ? Map.of() : Map.copyOf(streams);
        if (!(maxDeleteShare >= 0 && maxDeleteShare <= 1)) {
            throw new IllegalArgumentException("mapper.max-delete-share must be between 0 and 1, was " + maxDeleteShare);
        }
    }

    /** The mode as an enum (its value was checked when bound). */
    PipelineMode pipelineMode() {
        return PipelineMode.of("mapper.mode", mode);
    }

    private static void positive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + " must be positive, was " + value);
        }
    }
}
