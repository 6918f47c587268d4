package br.com.cdcplusoft.mapper.config;

import br.com.cdcplusoft.boot.GroupMembership;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** The Kafka Streams properties of the mapper, a pure function of its settings. */
final class StreamsSettings {

    private StreamsSettings() {
    }

    /**
     * @param kafka the client settings Spring Boot resolved from {@code spring.kafka.*} (bootstrap
     *              servers, security, {@code spring.kafka.properties}, {@code spring.kafka.streams.*})
     */
    static Properties properties(MapperProperties mapper, Map<String, Object> kafka) {
        return properties(mapper, kafka, null);
    }

    /**
     * @param instanceId {@code pipeline.instance-id}: the main consumer's {@code group.instance.id} (Kafka
     *                   Streams appends each stream thread's index), or null for dynamic membership
     */
    static Properties properties(MapperProperties mapper, Map<String, Object> kafka, String instanceId) {
        Properties p = new Properties();
        p.putAll(kafka);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, mapper.applicationId());
        // a payload is emitted, and its input offset committed, in one transaction or not at all
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // changelog, repartition and join topics named by the code, never generated: they survive upgrades
        p.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, "true");
        // a re-sync's rows commit in transactions of up to this long; a live change asks for its commit within
        // mapper.commit-interval itself (ChangeMapper), so its latency does not grow with this
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(mapper.bulkCommitInterval().toMillis()));
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(mapper.threads()));
        p.put(StreamsConfig.STATE_DIR_CONFIG, mapper.stateDir().toAbsolutePath().toString());
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, Integer.toString(
                mapper.topics().replicationFactor() == null ? -1 : mapper.topics().replicationFactor()));
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), Long.toString(mapper.producer().linger().toMillis()));
        p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), mapper.producer().compression());
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // every RocksDB store shares one memory budget: resident memory stays flat however many rows and tasks
        p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class.getName());
        p.put(BoundedRocksDbMemory.TOTAL_BYTES, Long.toString(mapper.rocksdb().totalMemory().toBytes()));
        p.put(BoundedRocksDbMemory.MEMTABLE_BYTES, Long.toString(mapper.rocksdb().memtableMemory().toBytes()));
        // a killed instance's tasks move after 10 s, not 45; a restarted one takes them back at once (static member).
        // Only the main consumer is a group member: the restore and global consumers must not carry the instance id
        p.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, Long.toString(GroupMembership.SESSION_TIMEOUT.toMillis()));
        p.putIfAbsent(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Long.toString(GroupMembership.HEARTBEAT_INTERVAL.toMillis()));
        if (instanceId != null) {
            p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), instanceId);
        }
        p.putAll(mapper.streams());
        return p;
    }
}
