package br.com.cdcplusoft.gateway.dlq;

import br.com.cdcplusoft.core.catalog.EntityCatalog;
import br.com.cdcplusoft.core.catalog.TopicCatalog;
import br.com.cdcplusoft.gateway.config.GatewayProperties;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The dead-letter routes' Kafka clients: consumers per request, one idempotent byte-array producer. */
@Configuration(proxyBeanMethods = false)
class DeadLetterConfiguration {

    @Bean(destroyMethod = "close")
    Producer<byte[], byte[]> deadLetterProducer(KafkaProperties kafka) {
        Map<String, Object> props = kafka.buildProducerProperties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "api-gateway-dlq-redrive");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Bean
    DeadLetterQueues deadLetterQueues(EntityCatalog catalog, TopicCatalog topics, GatewayProperties properties, KafkaProperties kafka,
                                      Producer<byte[], byte[]> deadLetterProducer) {
        return new DeadLetterQueues(catalog, topics, properties.deadLetters(), kafka.buildConsumerProperties(), deadLetterProducer);
    }
}
