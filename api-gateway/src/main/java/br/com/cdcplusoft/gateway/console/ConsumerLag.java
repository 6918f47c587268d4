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
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * How far a consumer group is behind on some topics, from the broker alone (Kafka's AdminClient):
 * the group's committed offsets against the topics' last stable offsets (read_committed, as the
 * mapper and the sink read). A partition the group never committed counts from its beginning.
 */
final class ConsumerLag {

    private final Admin admin;
    private final Duration timeout;

    ConsumerLag(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
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
        for (TopicPartition p : partitions) {
            OffsetAndMetadata c = committed.get(p);
            long position = c == null ? begin.getOrDefault(p, 0L) : c.offset();
            long lag = Math.max(0, end.getOrDefault(p, 0L) - position);
            result.merge(p.topic(), new Position(lag, position), Position::plus);
        }
        return result;
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
