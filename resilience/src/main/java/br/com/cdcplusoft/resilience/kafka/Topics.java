package br.com.cdcplusoft.resilience.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The suite's view of the broker: end offsets, committed offsets and lag of a group, and whole
 * topics read back (read_committed, as the pipeline's consumers read them).
 */
public final class Topics implements AutoCloseable {

    private final String bootstrap;
    private final Admin admin;

    public Topics(String bootstrap) {
        this.bootstrap = bootstrap;
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        this.admin = Admin.create(props);
    }

    public List<TopicPartition> partitions(String topic) {
        TopicDescription d = get(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic);
        return d.partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    public Set<String> topicNames() {
        return get(admin.listTopics().names());
    }

    /** End offsets (read_committed: the last stable offset) of the given partitions. */
    public Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetSpec> spec = new TreeMap<>(java.util.Comparator.comparing(TopicPartition::toString));
        partitions.forEach(p -> spec.put(p, OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result = get(admin.listOffsets(spec,
                new org.apache.kafka.clients.admin.ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all());
        Map<TopicPartition, Long> ends = new TreeMap<>(java.util.Comparator.comparing(TopicPartition::toString));
        result.forEach((p, info) -> ends.put(p, info.offset()));
        return ends;
    }

    public Map<TopicPartition, Long> committed(String group) {
        Map<TopicPartition, OffsetAndMetadata> offsets = get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
        Map<TopicPartition, Long> committed = new TreeMap<>(java.util.Comparator.comparing(TopicPartition::toString));
        offsets.forEach((p, o) -> {
            if (o != null) {
                committed.put(p, o.offset());
            }
        });
        return committed;
    }

    /**
     * The partitions of {@code topic} each member of {@code group} owns, by the member's
     * {@code group.instance.id} (its client id when it has none): who holds what before a failover.
     */
    public Map<String, Set<Integer>> owners(String group, String topic) {
        ConsumerGroupDescription d = get(admin.describeConsumerGroups(List.of(group)).describedGroups().get(group));
        Map<String, Set<Integer>> owners = new TreeMap<>();
        for (MemberDescription m : d.members()) {
            Set<Integer> owned = new java.util.TreeSet<>();
            m.assignment().topicPartitions().stream().filter(p -> p.topic().equals(topic)).forEach(p -> owned.add(p.partition()));
            owners.merge(m.groupInstanceId().orElse(m.clientId()), owned, (a, b) -> {
                a.addAll(b);
                return a;
            });
        }
        return owners;
    }

    /** Members of the group (a static member that stopped stays one until its session expires). */
    public int members(String group) {
        return get(admin.describeConsumerGroups(List.of(group)).describedGroups().get(group)).members().size();
    }

    /** Records the group has not committed yet, over the given topics. */
    public long lag(String group, Collection<String> topics) {
        List<TopicPartition> partitions = new ArrayList<>();
        topics.forEach(t -> partitions.addAll(partitions(t)));
        Map<TopicPartition, Long> ends = endOffsets(partitions);
        Map<TopicPartition, Long> committed = committed(group);
        long lag = 0;
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            lag += Math.max(0, end.getValue() - committed.getOrDefault(end.getKey(), 0L));
        }
        return lag;
    }

    /** Every committed record of a topic, from the beginning to its current end. */
    public List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        return read(partitions(topic), Map.of());
    }

    /** The committed records of {@code partitions} from {@code from} (default: the beginning) to their current end. */
    public List<ConsumerRecord<byte[], byte[]>> read(List<TopicPartition> partitions, Map<TopicPartition, Long> from) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            for (TopicPartition p : partitions) {
                if (from.containsKey(p)) {
                    consumer.seek(p, from.get(p));
                } else {
                    consumer.seekToBeginning(List.of(p));
                }
            }
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + partitions + " did not reach " + ends + " within 2 minutes");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("broker call failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
