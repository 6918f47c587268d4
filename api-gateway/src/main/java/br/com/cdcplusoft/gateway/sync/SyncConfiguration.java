package br.com.cdcplusoft.gateway.sync;

import br.com.cdcplusoft.core.catalog.EntityCatalog;
import br.com.cdcplusoft.core.catalog.Topic;
import br.com.cdcplusoft.core.catalog.TopicCatalog;
import br.com.cdcplusoft.core.run.RunEvent;
import br.com.cdcplusoft.source.snapshot.SnapshotService;
import br.com.cdcplusoft.gateway.runs.RunLogWriter;
import br.com.cdcplusoft.gateway.runs.RunTracker;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;

@Configuration(proxyBeanMethods = false)
class SyncConfiguration {

    @Bean
    ResyncService resyncService(EntityCatalog catalog, SnapshotService snapshots, RunTracker tracker, RunLogWriter runLogs,
                                MeterRegistry meters, ObjectProvider<DebeziumResync> debezium) {
        return new ResyncService(catalog, snapshots, tracker, runLogs, meters, debezium.getIfAvailable());
    }

    /**
     * {@code gateway.mode=debezium}: re-syncs through the connector's Kafka signal channel, their
     * progress from its notification topic. All replicas share one consumer group on that topic, so
     * each notification becomes the run's facts once.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "gateway.mode", havingValue = "debezium")
    @EnableConfigurationProperties(DebeziumResyncProperties.class)
    static class DebeziumMode {

        /** {@code <entidade>-<yyyyMMddTHHmmss>-<8 hex>}: the run ids {@link DebeziumResync} gives. */
        private static final Pattern RUN_ID = Pattern.compile("([a-z]+)-\\d{8}T\\d{6}-[0-9a-f]{8}");

        @Bean(destroyMethod = "close")
        Producer<String, String> debeziumSignalProducer(KafkaProperties kafka) {
            Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
            config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
            config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
            config.put(ProducerConfig.CLIENT_ID_CONFIG, "api-gateway-debezium-signals");
            return new KafkaProducer<>(config);
        }

        /** The signal topic with one partition (the connector reads partition 0 only), and the notification topic. */
        @Bean
        KafkaAdmin.NewTopics debeziumSignalTopics(DebeziumResyncProperties settings) {
            return new KafkaAdmin.NewTopics(
                    new NewTopic(settings.signalTopic(), java.util.Optional.of(1), java.util.Optional.empty()),
                    new NewTopic(settings.notificationTopic(), java.util.Optional.of(1), java.util.Optional.empty()));
        }

        @Bean
        DebeziumResync debeziumResync(DebeziumResyncProperties settings, Producer<String, String> debeziumSignalProducer,
                                      TopicCatalog topics, Clock clock) {
            Topic<String, RunEvent> runs = topics.runEvents();
            return new DebeziumResync(settings, debeziumSignalProducer, runs.name(),
                    event -> new String(runs.valueSerde().serializer().serialize(runs.name(), event), StandardCharsets.UTF_8), clock);
        }

        @Bean
        KafkaMessageListenerContainer<String, byte[]> debeziumNotificationsContainer(KafkaProperties kafka,
                DebeziumResyncProperties settings, DebeziumResync resync, EntityCatalog catalog) {
            Map<String, Object> props = kafka.buildConsumerProperties();
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            DefaultKafkaConsumerFactory<String, byte[]> factory = new DefaultKafkaConsumerFactory<>(props,
                    new StringDeserializer(), new ByteArrayDeserializer());
            ContainerProperties container = new ContainerProperties(settings.notificationTopic());
            container.setGroupId(settings.notificationGroup());
            container.setMessageListener((MessageListener<String, byte[]>) record -> resync.onNotification(record.value(), id -> {
                Matcher m = id == null ? null : RUN_ID.matcher(id);
                return m != null && m.matches() && catalog.find(m.group(1)).isPresent() ? m.group(1) : null;
            }));
            return new KafkaMessageListenerContainer<>(factory, container);
        }
    }
}
