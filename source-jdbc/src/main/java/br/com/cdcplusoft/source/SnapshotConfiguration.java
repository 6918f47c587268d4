package br.com.cdcplusoft.source;

import br.com.cdcplusoft.core.catalog.EntityCatalog;
import br.com.cdcplusoft.core.catalog.EntityDefinition;
import br.com.cdcplusoft.core.catalog.TopicCatalog;
import br.com.cdcplusoft.core.json.JsonSerdes;
import br.com.cdcplusoft.core.run.RunEvent;
import br.com.cdcplusoft.source.jdbc.SourceReader;
import br.com.cdcplusoft.source.jdbc.SourceSchemaValidator;
import br.com.cdcplusoft.source.publish.ChangePublisher;
import br.com.cdcplusoft.source.snapshot.SnapshotService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.ProducerListener;

/**
 * What it takes to snapshot a source view onto its change topic: reader, publisher, topics and
 * the {@link SnapshotService}. The extractor and the gateway both import it, so re-syncs run the same
 * code in either; the catalogs come from pipeline-boot's auto-configuration.
 */
@Configuration(proxyBeanMethods = false)
public class SnapshotConfiguration {

    @Bean
    SourceReader sourceReader(DataSource dataSource, EntityCatalog catalog) {
        // fail start-up, naming entity and column, before any poll or re-sync can run
        new SourceSchemaValidator(dataSource).validate(catalog);
        return new SourceReader(dataSource);
    }

    @Bean
    KafkaAdmin.NewTopics changeTopics(EntityCatalog catalog, TopicCatalog topics) {
        List<NewTopic> list = new ArrayList<>();
        for (EntityDefinition e : catalog.all()) {
            list.add(new NewTopic(topics.changes(e.name()).name(), Optional.of(e.partitions()), Optional.empty())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        }
        list.add(new NewTopic(topics.runEvents().name(), Optional.of(3), Optional.empty())
                .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(7L * 24 * 3600 * 1000))));
        list.add(new NewTopic(topics.extractorCursors().name(), Optional.of(1), Optional.empty())
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        return new KafkaAdmin.NewTopics(list.toArray(NewTopic[]::new));
    }

    @Bean
    ChangePublisher changePublisher(KafkaProperties kafka, TopicCatalog topics) {
        Map<String, Object> props = kafka.buildProducerProperties();
        // the publisher writes the change envelopes' bytes itself (one copy of the row's JSON, no tree per row)
        KafkaTemplate<byte[], byte[]> changes = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(props,
                new ByteArraySerializer(), new ByteArraySerializer()));
        KafkaTemplate<String, RunEvent> runs = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(props,
                new StringSerializer(), JsonSerdes.<RunEvent>serializer()));
        // Spring's default listener logs a failed record's key and value: rows carry personal data (CPF, e-mail);
        // ChangePublisher logs the topic and the error instead
        changes.setProducerListener(new ProducerListener<>() { });
        return new ChangePublisher(changes, runs, topics);
    }

    @Bean(destroyMethod = "close")
    SnapshotService snapshotService(EntityCatalog catalog, SourceReader reader, ChangePublisher publisher) {
        return new SnapshotService(catalog, reader, publisher);
    }
}
