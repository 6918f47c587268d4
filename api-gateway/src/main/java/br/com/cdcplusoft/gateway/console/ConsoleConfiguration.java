package br.com.cdcplusoft.gateway.console;

import br.com.cdcplusoft.core.catalog.EntityCatalog;
import br.com.cdcplusoft.core.catalog.Topic;
import br.com.cdcplusoft.core.catalog.TopicCatalog;
import br.com.cdcplusoft.core.status.SinkStatus;
import br.com.cdcplusoft.gateway.config.GatewayProperties;
import br.com.cdcplusoft.gateway.dlq.DeadLetterQueues;
import br.com.cdcplusoft.gateway.runs.RunTracker;
import java.time.Clock;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import tools.jackson.databind.JsonNode;

/**
 * The operator console ({@code gateway.console.*}): its AdminClient for consumer lag, the readers of
 * the extractor's cursors and of the sinks' status (compacted topics, read whole by every replica),
 * the source counts and the service that gathers them.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsoleProperties.class)
class ConsoleConfiguration {

    private static final String GROUP_PREFIX = "api-gateway-painel";

    @Bean(destroyMethod = "close")
    Admin consoleAdmin(KafkaProperties kafka, ConsoleProperties console) {
        Map<String, Object> props = kafka.buildAdminProperties();
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "api-gateway-painel");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) console.timeout().toMillis());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) console.timeout().toMillis());
        return Admin.create(props);
    }

    @Bean
    LatestByKey<SinkStatus> consoleSinkStatus() {
        return new LatestByKey<>();
    }

    @Bean
    LatestByKey<JsonNode> consoleCursors() {
        return new LatestByKey<>();
    }

    @Bean
    KafkaMessageListenerContainer<String, SinkStatus> consoleSinkStatusContainer(KafkaProperties kafka, ConsoleProperties console,
                                                                                  LatestByKey<SinkStatus> consoleSinkStatus) {
        Topic<String, SinkStatus> topic = SinkStatus.topic(console.sinkStatusTopic());
        return consoleSinkStatus.container(kafka.buildConsumerProperties(), topic.name(), GROUP_PREFIX,
                topic.keySerde().deserializer(), topic.valueSerde().deserializer());
    }

    @Bean
    KafkaMessageListenerContainer<String, JsonNode> consoleCursorsContainer(KafkaProperties kafka, TopicCatalog topics,
                                                                            LatestByKey<JsonNode> consoleCursors) {
        Topic<String, JsonNode> topic = topics.extractorCursors();
        return consoleCursors.container(kafka.buildConsumerProperties(), topic.name(), GROUP_PREFIX,
                topic.keySerde().deserializer(), topic.valueSerde().deserializer());
    }

    @Bean(destroyMethod = "close")
    ConsumerLag consoleLag(Admin consoleAdmin, KafkaProperties kafka, ConsoleProperties console) {
        return new ConsumerLag(consoleAdmin, console.timeout(), () -> {
            Map<String, Object> props = kafka.buildConsumerProperties();
            props.remove(ConsumerConfig.GROUP_ID_CONFIG);
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
            props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            props.put(ConsumerConfig.CLIENT_ID_CONFIG, "api-gateway-painel-lag");
            return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        });
    }

    @Bean
    ConsoleService consoleService(ConsoleProperties console, EntityCatalog catalog, TopicCatalog topics, GatewayProperties properties,
                                  RunTracker tracker, DeadLetterQueues deadLetterQueues, ConsumerLag consoleLag, DataSource dataSource,
                                  LatestByKey<SinkStatus> consoleSinkStatus, LatestByKey<JsonNode> consoleCursors, Clock clock) {
        return new ConsoleService(console, catalog, topics, properties.nightly(), tracker, deadLetterQueues,
                consoleLag,
                new SourceCounts(dataSource, catalog.all(), console.countTimeout(), clock),
                consoleSinkStatus, consoleCursors, clock);
    }
}
