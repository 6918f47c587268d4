package br.com.cdcplusoft.mapper.config;

import br.com.cdcplusoft.core.catalog.EntityCatalog;
import br.com.cdcplusoft.core.catalog.EntityDefinition;
import br.com.cdcplusoft.core.catalog.TopicCatalog;
import br.com.cdcplusoft.mapper.join.JoinTopology;
import br.com.cdcplusoft.mapper.topology.PipelineMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The topics the mapper reads and writes, created at start-up when missing (never altered): each
 * entity's change topic (also declared by the extractor, so either may start first), payload and
 * dead-letter topics (its own and the sink's, which it reads) with the entity's partitions, and the runs topic. In debezium mode also the
 * base-table topics the joins read (compacted, as the connector would create them, so the mapper may
 * start first) and their dead-letter topics.
 */
final class TopicDeclarations {

    private TopicDeclarations() {
    }

    static List<NewTopic> of(EntityCatalog entities, TopicCatalog topics, MapperProperties mapper) {
        MapperProperties.Topics settings = mapper.topics();
        List<NewTopic> all = new ArrayList<>();
        for (EntityDefinition entity : entities.all()) {
            all.add(builder(topics.changes(entity.name()).name(), entity.partitions(), settings).compact().build());
            all.add(builder(topics.payloads(entity.name()).name(), entity.partitions(), settings).compact().build());
            all.add(builder(topics.changeDeadLetters(entity.name()).name(), entity.partitions(), settings)
                    .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)
                    .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(settings.deadLetterRetention().toMillis()))
                    .build());
            // the sink's dead letters, which the mapper reads (unchanged-payload check): it must exist before the mapper starts
            all.add(builder(topics.payloadDeadLetters(entity.name()).name(), entity.partitions(), settings)
                    .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)
                    .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(settings.deadLetterRetention().toMillis()))
                    .build());
        }
        if (mapper.pipelineMode() == PipelineMode.DEBEZIUM) {
            Map<String, String> tableTopics = mapper.debezium().topics(topics);
            // the connector's notifications (incremental-snapshot progress): read whole by a global store
            all.add(builder(JoinTopology.defaultNotificationTopic(topics), 1, settings)
                    .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)
                    .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(Duration.ofDays(7).toMillis()))
                    .build());
            for (String table : JoinTopology.tablesOf(entities)) {
                String topic = tableTopics.get(table);
                all.add(builder(topic, mapper.debezium().partitions(), settings).compact().build());
                all.add(builder(topic + topics.deadLetterSuffix(), mapper.debezium().partitions(), settings)
                        .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)
                        .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(settings.deadLetterRetention().toMillis()))
                        .build());
            }
        }
        all.add(builder(topics.runEvents().name(), settings.runsPartitions(), settings)
                .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)
                .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(settings.runsRetention().toMillis()))
                .build());
        return all;
    }

    private static TopicBuilder builder(String name, int partitions, MapperProperties.Topics settings) {
        TopicBuilder builder = TopicBuilder.name(name).partitions(partitions);
        return settings.replicationFactor() == null ? builder : builder.replicas(settings.replicationFactor());
    }
}
