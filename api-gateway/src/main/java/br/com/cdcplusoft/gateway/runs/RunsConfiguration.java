package br.com.cdcplusoft.gateway.runs;

import br.com.cdcplusoft.core.catalog.Topic;
import br.com.cdcplusoft.core.catalog.TopicCatalog;
import br.com.cdcplusoft.core.run.RunEvent;
import br.com.cdcplusoft.gateway.config.GatewayProperties;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.scheduling.TaskScheduler;

/**
 * The run tracker and its consumer of the runs topic ({@code pipeline.runs}: key = run id, value =
 * {@link RunEvent} JSON). Each instance uses its own consumer group (prefix + random suffix),
 * starts from the earliest offset and never commits, so every replica rebuilds the whole picture
 * and leaves no group behind on the broker.
 */
@Configuration(proxyBeanMethods = false)
class RunsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RunsConfiguration.class);

    @Bean
    RunTracker runTracker(GatewayProperties properties, Clock clock) {
        return new RunTracker(properties.runs().keep(), properties.runs().staleAfter(), clock);
    }

    @Bean
    RunLogWriter runLogWriter(GatewayProperties properties, Clock clock, TaskScheduler gatewayTaskScheduler, RunTracker tracker) {
        GatewayProperties.Nightly nightly = properties.nightly();
        return new RunLogWriter(nightly.logPath(), nightly.zoneId(), clock, nightly.followFor(), nightly.progressEvery(), tracker,
                gatewayTaskScheduler);
    }

    @Bean
    KafkaMessageListenerContainer<String, RunEvent> runEventsContainer(KafkaProperties kafka, TopicCatalog topics,
                                                                       RunTracker tracker, GatewayProperties properties) {
        Topic<String, RunEvent> runs = topics.runEvents();
        Map<String, Object> props = kafka.buildConsumerProperties();
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        DefaultKafkaConsumerFactory<String, RunEvent> factory = new DefaultKafkaConsumerFactory<>(props,
                runs.keySerde().deserializer(), lenient(runs.valueSerde().deserializer()));
        ContainerProperties container = new ContainerProperties(runs.name());
        container.setGroupId(properties.runs().groupIdPrefix() + "-" + UUID.randomUUID());
        // never acknowledged, so never committed: the next start reads the topic from the beginning again
        container.setAckMode(ContainerProperties.AckMode.MANUAL);
        container.setMessageListener((MessageListener<String, RunEvent>) record -> tracker.apply(record.value()));
        return new KafkaMessageListenerContainer<>(factory, container);
    }

    /** A record that is not a RunEvent is skipped with a warning (its content is not logged). */
    private static Deserializer<RunEvent> lenient(Deserializer<RunEvent> delegate) {
        return (topic, data) -> {
            try {
                return delegate.deserialize(topic, data);
            } catch (SerializationException e) {
                log.warn("Skipping a record of {} that is not a run event ({} bytes)", topic, data == null ? 0 : data.length);
                return null;
            }
        };
    }
}
