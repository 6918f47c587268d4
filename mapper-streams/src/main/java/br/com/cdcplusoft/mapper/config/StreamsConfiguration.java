package br.com.cdcplusoft.mapper.config;

import br.com.cdcplusoft.boot.PipelineProperties;
import br.com.cdcplusoft.core.catalog.EntityCatalog;
import br.com.cdcplusoft.core.catalog.TopicCatalog;
import br.com.cdcplusoft.mapping.MappingConfiguration;
import br.com.cdcplusoft.mapping.MappingSpecs;
import br.com.cdcplusoft.mapper.topology.MapperTopology;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Wires the mapper: topics to declare, the topology from its settings, the Streams client, its health.
 * The mapping specs come from the mapping-specs library ({@link MappingConfiguration}, shared with the gateway).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MapperProperties.class)
@Import(MappingConfiguration.class)
final class StreamsConfiguration {

    @Bean
    KafkaAdmin.NewTopics mapperTopics(EntityCatalog entities, TopicCatalog topics, MapperProperties mapper) {
        return new KafkaAdmin.NewTopics(TopicDeclarations.of(entities, topics, mapper)
                .toArray(NewTopic[]::new));
    }

    @Bean
    Topology mapperTopology(EntityCatalog entities, TopicCatalog topics, MapperProperties mapper, MappingSpecs specs,
                            KafkaProperties kafka, PipelineProperties pipeline) {
        return MapperTopology.build(new MapperTopology.Settings(entities, topics, specs,
                        mapper.runReportInterval(), mapper.pipelineMode(), mapper.debezium().topics(topics),
                        mapper.maxDeleteShare(), mapper.commitInterval()),
                StreamsSettings.properties(mapper, kafka.buildStreamsProperties(), pipeline.instanceId()));
    }

    @Bean
    MapperStreams mapperStreams(Topology mapperTopology, MapperProperties mapper, KafkaProperties kafka, PipelineProperties pipeline) {
        return new MapperStreams(mapperTopology, StreamsSettings.properties(mapper, kafka.buildStreamsProperties(),
                pipeline.instanceId()), mapper.shutdownTimeout());
    }

    @Bean
    HealthIndicator mapperStreamsHealth(MapperStreams streams) {
        return () -> {
            KafkaStreams.State state = streams.state();
            boolean up = state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING
                    || state == KafkaStreams.State.CREATED;
            return (up ? Health.up() : Health.down()).withDetail("state", String.valueOf(state)).build();
        };
    }
}
