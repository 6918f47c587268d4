package br.com.cdcplusoft.mapper.config;

import br.com.cdcplusoft.core.catalog.EntityCatalog;
import br.com.cdcplusoft.mapper.mapping.MappingSpecs;
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
import org.springframework.kafka.core.KafkaAdmin;

/** Wires the mapper: topics to declare, the topology from its settings, the Streams client, its health. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({MapperProperties.class, PipelineProperties.class})
final class StreamsConfiguration {

    @Bean
    KafkaAdmin.NewTopics mapperTopics(PipelineProperties pipeline, MapperProperties mapper) {
        return new KafkaAdmin.NewTopics(TopicDeclarations.of(pipeline.catalog(), pipeline.topicCatalog(), mapper)
                .toArray(NewTopic[]::new));
    }

    @Bean
    Topology mapperTopology(PipelineProperties pipeline, MapperProperties mapper, MappingSpecs specs, KafkaProperties kafka) {
        EntityCatalog entities = pipeline.catalog();
        return MapperTopology.build(new MapperTopology.Settings(entities, pipeline.topicCatalog(), specs,
                        mapper.runReportInterval(), mapper.pipelineMode(), mapper.debezium().topics(pipeline.topicCatalog()),
                        mapper.maxDeleteShare()),
                StreamsSettings.properties(mapper, kafka.buildStreamsProperties()));
    }

    @Bean
    MapperStreams mapperStreams(Topology mapperTopology, MapperProperties mapper, KafkaProperties kafka) {
        return new MapperStreams(mapperTopology, StreamsSettings.properties(mapper, kafka.buildStreamsProperties()),
                mapper.shutdownTimeout());
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
