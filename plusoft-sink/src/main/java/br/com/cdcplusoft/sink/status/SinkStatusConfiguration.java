package br.com.cdcplusoft.sink.status;

import br.com.cdcplusoft.core.status.SinkStatus;
import br.com.cdcplusoft.sink.config.SinkSettings;
import br.com.cdcplusoft.sink.delivery.SinkMetrics;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.UUID;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

/** The sink's status report ({@code plusoft.status.*}) and its compacted topic (one partition). */
@Configuration(proxyBeanMethods = false)
class SinkStatusConfiguration {

    @Bean
    KafkaAdmin.NewTopics sinkStatusTopic(StatusProperties status) {
        return new KafkaAdmin.NewTopics(TopicBuilder.name(status.topic()).partitions(1).replicas(-1)
                .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT).build());
    }

    @Bean
    SinkStatusPublisher sinkStatusPublisher(StatusProperties status, SinkSettings settings, SinkMetrics metrics,
                                            CircuitBreaker plusoftCircuitBreaker, KafkaTemplate<byte[], byte[]> sinkKafkaTemplate,
                                            Clock clock) {
        return new SinkStatusPublisher(instance(), settings.entityNames(), metrics, plusoftCircuitBreaker, sinkKafkaTemplate,
                SinkStatus.topic(status.topic()), status.every(), clock);
    }

    private static String instance() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "plusoft-sink";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
