package br.com.cdcplusoft.extractor.polling;

import br.com.cdcplusoft.core.catalog.EntityCatalog;
import br.com.cdcplusoft.core.catalog.EntityDefinition;
import br.com.cdcplusoft.core.catalog.TopicCatalog;
import br.com.cdcplusoft.core.json.JsonSerdes;
import br.com.cdcplusoft.extractor.config.ExtractorProperties;
import br.com.cdcplusoft.source.SnapshotConfiguration;
import br.com.cdcplusoft.source.jdbc.SourceReader;
import br.com.cdcplusoft.source.publish.ChangePublisher;
import br.com.cdcplusoft.source.snapshot.SnapshotService;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import tools.jackson.databind.JsonNode;
import org.springframework.kafka.core.KafkaTemplate;

/** Incremental polling of the configured entities (JDBC mode). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ExtractorProperties.class)
@Import(SnapshotConfiguration.class)
@ConditionalOnProperty(name = "extractor.mode", havingValue = "jdbc", matchIfMissing = true)
class PollingConfiguration {

    @Bean
    PollingScheduler pollingScheduler(ExtractorProperties extractor, EntityCatalog catalog, TopicCatalog topics,
                                      SourceReader reader, ChangePublisher publisher, SnapshotService snapshots,
                                      KafkaProperties kafka) {
        if (!extractor.pollingEnabled()) {
            return new PollingScheduler(List::of);
        }
        Map<String, Object> producerProps = kafka.buildProducerProperties();
        CursorStore cursors = new CursorStore(topics.extractorCursors(), new KafkaTemplate<>(
                new DefaultKafkaProducerFactory<String, JsonNode>(producerProps, new StringSerializer(), JsonSerdes.<JsonNode>serializer())),
                kafka.buildConsumerProperties());
        List<EntityDefinition> entities = extractor.entities().isEmpty() ? catalog.all()
                : extractor.entities().stream().map(catalog::get).toList();
        // stored cursors are read when polling starts: the declared topics exist by then
        return new PollingScheduler(() -> {
            Map<String, CursorPosition> stored = cursors.loadAll();
            return entities.stream()
                    .map(e -> new IncrementalPoller(e, reader, publisher, snapshots, cursors, stored.get(e.name()),
                            extractor.lookBackSweepEvery(), extractor.initialSnapshot(), Clock.systemUTC()))
                    .toList();
        });
    }
}
