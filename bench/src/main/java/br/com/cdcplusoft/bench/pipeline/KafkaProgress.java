package br.com.cdcplusoft.bench.pipeline;

import br.com.cdcplusoft.core.catalog.TopicCatalog;
import br.com.cdcplusoft.dev.harness.Services;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Where each stage stands, read from the broker: records on the change topic (extractor), offsets
 * the mapper committed on it, records on the payload topic (mapper), offsets the sink committed on
 * it. The stage that falls behind is the one that bounds the run. Offsets include transaction
 * markers and run-end markers, so they are a few records above row counts.
 */
public final class KafkaProgress implements AutoCloseable {

    public record Snapshot(long changeEnd, long mapperCommitted, long payloadEnd, long sinkCommitted) {
        static final Snapshot NONE = new Snapshot(-1, -1, -1, -1);
    }

    private final Admin admin;
    private final String changeTopic;
    private final String payloadTopic;

    public KafkaProgress(String bootstrap, String entity) {
        this.admin = Admin.create(Map.of("bootstrap.servers", bootstrap, "request.timeout.ms", "5000",
                "default.api.timeout.ms", "10000"));
        this.changeTopic = TopicCatalog.defaults().changes(entity).name();
        this.payloadTopic = TopicCatalog.defaults().payloads(entity).name();
    }

    public Snapshot snapshot() {
        try {
            return new Snapshot(end(changeTopic), committed(Services.MAPPER_GROUP, changeTopic), end(payloadTopic),
                    committed(Services.SINK_GROUP, payloadTopic));
        } catch (Exception e) {
            return Snapshot.NONE;
        }
    }

    private long end(String topic) throws Exception {
        List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic)
                .partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        Map<TopicPartition, OffsetSpec> request = partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
        Collection<ListOffsetsResult.ListOffsetsResultInfo> infos = admin.listOffsets(request).all().get(10, TimeUnit.SECONDS).values();
        return infos.stream().mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
    }

    private long committed(String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                .get(10, TimeUnit.SECONDS);
        return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                .mapToLong(e -> e.getValue().offset()).sum();
    }

    @Override
    public void close() {
        admin.close();
    }
}
