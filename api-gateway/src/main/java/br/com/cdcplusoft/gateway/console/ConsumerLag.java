package br.com.cdcplusoft.gateway.console;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * How far a consumer group is behind on some topics, from the broker alone (Kafka's AdminClient):
 * the group's committed offsets against the topics' last stable offsets (read_committed, as the
 * mapper and the sink read). A partition the group never committed counts from its beginning.
 *
 * <p>Transactional producers (the mapper, exactly-once) leave a commit marker after their records,
 * and a group that consumed every record still commits the offset before that marker: Kafka's own
 * {@code kafka-consumer-groups.sh} then shows a lag of 1 or 2 forever. So where the offsets differ
 * by at most {@value #VERIFY_UP_TO}, the few offsets in between are read (read_committed) and only
 * real records count.
 */
final class ConsumerLag implements AutoCloseable {

    static final int VERIFY_UP_TO = 5;

    private final Admin admin;
    private final Duration timeout;
    private final Supplier<Consumer<byte[], byte[]>> consumers;
    private Consumer<byte[], byte[]> reader;

    /** @param consumers a read_committed byte-array consumer without a group, made when first needed */
    ConsumerLag(Admin admin, Duration timeout, Supplier<Consumer<byte[], byte[]>> consumers) {
        this.admin = admin;
        this.timeout = timeout;
        this.consumers = consumers;
    }

    /**
     * Per topic: records not yet consumed (lag) and the group's position (sum of committed offsets,
     * which grows as the group consumes). Topics that do not exist yet are absent.
     */
    Map<String, Position> of(String group, Collection<String> topics) throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, TopicDescription> described = new HashMap<>();
        for (Map.Entry<String, KafkaFuture<TopicDescription>> topic : admin.describeTopics(topics).topicNameValues().entrySet()) {
            try {
                described.put(topic.getKey(), topic.getValue().get(millis(), TimeUnit.MILLISECONDS));
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
        }
        List<TopicPartition> partitions = new ArrayList<>();
        described.values().forEach(d -> d.partitions().forEach(p -> partitions.add(new TopicPartition(d.name(), p.partition()))));
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> latestSpec = new HashMap<>();
        Map<TopicPartition, OffsetSpec> earliestSpec = new HashMap<>();
        partitions.forEach(p -> {
            latestSpec.put(p, OffsetSpec.latest());
            earliestSpec.put(p, OffsetSpec.earliest());
        });
        ListOffsetsOptions committedOnly = new ListOffsetsOptions(IsolationLevel.READ_COMMITTED);
        Map<TopicPartition, Long> end = new HashMap<>();
        admin.listOffsets(latestSpec, committedOnly).all().get(millis(), TimeUnit.MILLISECONDS).forEach((p, r) -> end.put(p, r.offset()));
        Map<TopicPartition, Long> begin = new HashMap<>();
        admin.listOffsets(earliestSpec).all().get(millis(), TimeUnit.MILLISECONDS).forEach((p, r) -> begin.put(p, r.offset()));
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group, new ListConsumerGroupOffsetsOptions())
                .partitionsToOffsetAndMetadata().get(millis(), TimeUnit.MILLISECONDS);
        Map<String, Position> result = new HashMap<>();
        Map<TopicPartition, Long> positions = new HashMap<>();
        Map<TopicPartition, Long> toVerify = new HashMap<>();
        for (TopicPartition p : partitions) {
            OffsetAndMetadata c = committed.get(p);
            long position = c == null ? begin.getOrDefault(p, 0L) : c.offset();
            positions.put(p, position);
            long lag = Math.max(0, end.getOrDefault(p, 0L) - position);
            if (lag > 0 && lag <= VERIFY_UP_TO) {
                toVerify.put(p, position);
            }
        }
        Map<TopicPartition, Long> verified = recordsBetween(toVerify, end);
        for (TopicPartition p : partitions) {
            long position = positions.get(p);
            long lag = verified.containsKey(p) ? verified.get(p) : Math.max(0, end.getOrDefault(p, 0L) - position);
            result.merge(p.topic(), new Position(lag, position), Position::plus);
        }
        return result;
    }

    /** Data records (not transaction markers, not aborted) from each start to the end offset; partitions not read in time are left out. */
    private synchronized Map<TopicPartition, Long> recordsBetween(Map<TopicPartition, Long> from, Map<TopicPartition, Long> end) {
        Map<TopicPartition, Long> counted = new HashMap<>();
        if (from.isEmpty()) {
            return counted;
        }
        if (reader == null) {
            reader = consumers.get();
        }
        List<TopicPartition> partitions = List.copyOf(from.keySet());
        reader.assign(partitions);
        from.forEach(reader::seek);
        partitions.forEach(p -> counted.put(p, 0L));
        long deadline = System.nanoTime() + timeout.toNanos() / 2;
        List<TopicPartition> open = new ArrayList<>(partitions);
        while (!open.isEmpty() && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : reader.poll(Duration.ofMillis(100))) {
                TopicPartition p = new TopicPartition(r.topic(), r.partition());
                if (r.offset() < end.get(p)) {
                    counted.merge(p, 1L, Long::sum);
                }
            }
            open.removeIf(p -> reader.position(p) >= end.get(p));
        }
        open.forEach(counted::remove);
        return counted;
    }

    @Override
    public synchronized void close() {
        if (reader != null) {
            reader.close();
        }
    }

    private long millis() {
        return timeout.toMillis();
    }

    /**
     * @param lag      records on the topic the group has not consumed
     * @param consumed the sum of the group's committed offsets (a counter of what it consumed, for rates)
     */
    record Position(long lag, long consumed) {
        Position plus(Position other) {
            return new Position(lag + other.lag, consumed + other.consumed);
        }
    }
}
