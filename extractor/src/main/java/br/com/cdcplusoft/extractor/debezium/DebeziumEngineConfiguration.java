package br.com.cdcplusoft.extractor.debezium;

import br.com.cdcplusoft.core.catalog.TopicCatalog;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Wires the embedded Debezium engine when {@code extractor.mode=debezium} and
 * {@code extractor.debezium.embedded} is true (its default). The engine publishes with its own
 * idempotent producer ({@code spring.kafka.producer.*} settings, byte-array serializers: the JSON is
 * written exactly as Debezium produced it).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "extractor.mode", havingValue = "debezium")
@EnableConfigurationProperties(DebeziumEngineSettings.class)
class DebeziumEngineConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "extractor.debezium.embedded", havingValue = "true", matchIfMissing = true)
    Producer<byte[], byte[]> debeziumProducer(KafkaProperties kafka) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "extractor-debezium");
        return new KafkaProducer<>(config);
    }

    /**
     * The connector's own topics, each with one partition: the signal topic (the Kafka signal channel
     * reads partition 0 only) and the notification topic (read whole by the gateway and the mapper).
     * Declared here so that a topic first written by someone else is not created with the broker's
     * default partitions.
     */
    @Bean
    @ConditionalOnProperty(name = "extractor.debezium.embedded", havingValue = "true", matchIfMissing = true)
    KafkaAdmin.NewTopics debeziumTopics(DebeziumEngineSettings settings, KafkaProperties kafka) {
        java.util.Properties engine = EngineProperties.build(settings, String.join(",", kafka.getBootstrapServers()));
        java.util.List<NewTopic> topics = new java.util.ArrayList<>();
        String channels = engine.getProperty("signal.enabled.channels", "");
        String signals = engine.getProperty("signal.kafka.topic", "");
        if (java.util.Arrays.stream(channels.split(",")).map(String::strip).anyMatch("kafka"::equals) && !signals.isBlank()) {
            topics.add(new NewTopic(signals.strip(), java.util.Optional.of(1), java.util.Optional.empty()));
        }
        TableRoutes.passThrough(engine).forEach(t -> topics.add(new NewTopic(t, java.util.Optional.of(1), java.util.Optional.empty())));
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    @Bean
    @ConditionalOnProperty(name = "extractor.debezium.embedded", havingValue = "true", matchIfMissing = true)
    EmbeddedDebezium embeddedDebezium(DebeziumEngineSettings settings, KafkaProperties kafka,
                                      Producer<byte[], byte[]> debeziumProducer, TopicCatalog topics) {
        Properties engine = EngineProperties.build(settings, String.join(",", kafka.getBootstrapServers()));
        TableRoutes routes = new TableRoutes(topics.changePrefix(), settings.tables(), TableRoutes.passThrough(engine));
        return new EmbeddedDebezium(engine, new EnginePublisher(debeziumProducer, routes, settings.sendTimeout()));
    }
}
