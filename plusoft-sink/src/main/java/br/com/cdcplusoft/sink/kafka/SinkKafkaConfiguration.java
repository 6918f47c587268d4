package br.com.cdcplusoft.sink.kafka;

import br.com.cdcplusoft.boot.GroupMembership;
import br.com.cdcplusoft.boot.PipelineProperties;
import br.com.cdcplusoft.core.catalog.EntityDefinition;
import br.com.cdcplusoft.core.catalog.TopicCatalog;
import br.com.cdcplusoft.sink.config.SinkProperties;
import br.com.cdcplusoft.sink.config.SinkSettings;
import br.com.cdcplusoft.sink.delivery.BatchDelivery;
import br.com.cdcplusoft.sink.delivery.DeadLetterPublisher;
import br.com.cdcplusoft.sink.delivery.RequeueException;
import br.com.cdcplusoft.sink.delivery.SinkMetrics;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Kafka side of the sink: a byte-array consumer whose poll is the batch (max.poll.records =
 * plusoft.batch.max-records; the fetch waits up to plusoft.batch.linger for plusoft.batch.max-bytes),
 * a concurrent batch listener container (spring.kafka.listener.concurrency threads, BATCH commits),
 * Spring's DefaultErrorHandler with the dead-letter recoverer, and the topics the sink writes.
 */
@Configuration(proxyBeanMethods = false)
class SinkKafkaConfiguration {

    /** Time to write dead letters and run events after a batch, on top of its retries. */
    private static final Duration PUBLISH_MARGIN = Duration.ofSeconds(30);
    /** Back-off of the error handler between two polls of records handed back (circuit open, stopping). */
    static final Duration REQUEUE_BACK_OFF = Duration.ofMillis(500);

    @Bean
    ConsumerFactory<byte[], byte[]> sinkConsumerFactory(KafkaProperties kafka, SinkSettings settings, PipelineProperties pipeline) {
        return new DefaultKafkaConsumerFactory<>(consumerProperties(kafka, settings, pipeline.instanceId()));
    }

    /**
     * @param instanceId {@code pipeline.instance-id}: the consumers' {@code group.instance.id} (the
     *                   concurrent container appends each consumer's suffix, {@code -0}, {@code -1}, ...), or null
     */
    static Map<String, Object> consumerProperties(KafkaProperties kafka, SinkSettings settings, String instanceId) {
        Map<String, Object> props = kafka.buildConsumerProperties();
        GroupMembership.apply(props, instanceId);
        SinkProperties.Batch batch = settings.plusoft().batch();
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // the poll is the batch: a restart re-reads the same records from the committed offset, so the
        // same requests (and Idempotency-Keys) are rebuilt
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, batch.maxRecords());
        // linger: the broker holds a fetch until max-bytes are there or linger has passed
        props.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, (int) Math.min(Integer.MAX_VALUE, batch.maxBytes().toBytes()));
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) batch.linger().toMillis());
        props.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) maxPollInterval(kafka, settings).toMillis());
        return props;
    }

    /** The longest one batch can keep the consumer thread: its retry budget, one last request, the permit wait, publishing. */
    static Duration worstBatch(SinkProperties plusoft) {
        return plusoft.retry().maxTotal().plus(plusoft.http().requestTimeout().multipliedBy(2))
                .plus(plusoft.rateLimit().maxWait()).plus(PUBLISH_MARGIN);
    }

    /** spring.kafka.consumer.properties[max.poll.interval.ms] when set, else two worst batches. */
    static Duration maxPollInterval(KafkaProperties kafka, SinkSettings settings) {
        Object configured = kafka.buildConsumerProperties().get(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG);
        Duration worst = worstBatch(settings.plusoft());
        if (configured == null) {
            return worst.multipliedBy(2);
        }
        Duration interval = Duration.ofMillis(Long.parseLong(configured.toString()));
        if (interval.compareTo(worst.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("max.poll.interval.ms (" + interval.toMillis() + ") must be at least twice the longest a batch"
                    + " can take (" + worst.toMillis() + " ms: plusoft.retry.max-total + 2 x plusoft.http.request-timeout"
                    + " + plusoft.rate-limit.max-wait + 30s)");
        }
        return interval;
    }

    @Bean
    ProducerFactory<byte[], byte[]> sinkProducerFactory(KafkaProperties kafka) {
        Map<String, Object> props = kafka.buildProducerProperties();
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new DefaultKafkaProducerFactory<>(props);
    }

    @Bean
    KafkaTemplate<byte[], byte[]> sinkKafkaTemplate(ProducerFactory<byte[], byte[]> producerFactory) {
        return new KafkaTemplate<>(producerFactory);
    }

    @Bean
    DeadLetterPublishingRecoverer sinkDeadLetterRecoverer(KafkaTemplate<byte[], byte[]> template, SinkSettings settings) {
        return KafkaDeadLetters.recoverer(template, settings.topics());
    }

    @Bean
    DeadLetterPublisher sinkDeadLetters(DeadLetterPublishingRecoverer recoverer) {
        return new KafkaDeadLetters(recoverer);
    }

    /**
     * Records handed back ({@link RequeueException}) are sought again without end and never
     * dead-lettered: they wait for the circuit to close or for the next consumer. Anything else
     * (a bug) is retried twice, then the record is dead-lettered as INTERNAL_ERROR.
     */
    @Bean
    DefaultErrorHandler sinkErrorHandler(DeadLetterPublishingRecoverer recoverer) {
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, new FixedBackOff(1000, 2));
        handler.setBackOffFunction((record, exception) -> exception instanceof RequeueException
                ? new FixedBackOff(REQUEUE_BACK_OFF.toMillis(), FixedBackOff.UNLIMITED_ATTEMPTS) : null);
        return handler;
    }

    @Bean
    RunEventPublisher sinkRunEvents(KafkaTemplate<byte[], byte[]> template, SinkSettings settings, SinkMetrics metrics) {
        return new RunEventPublisher(template, settings.topics().runEvents(), metrics);
    }

    @Bean
    SinkListener sinkListener(SinkSettings settings, BatchDelivery delivery, RunEventPublisher runEvents, KafkaProperties kafka) {
        return new SinkListener(settings, delivery, runEvents, maxPollInterval(kafka, settings).minus(worstBatch(settings.plusoft())));
    }

    @Bean
    @SuppressWarnings({"unchecked", "rawtypes"})
    ConcurrentMessageListenerContainer<Object, Object> plusoftSinkContainer(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<byte[], byte[]> consumerFactory,
            SinkSettings settings, SinkListener listener, DefaultErrorHandler errorHandler, CircuitBreaker circuitBreaker) {
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
        configurer.configure(factory, (ConsumerFactory) consumerFactory);
        factory.setCommonErrorHandler(errorHandler);
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.BATCH);
        // the listener's knowledge of a partition's cut (StepPlan) ends when the partition moves away
        factory.getContainerProperties().setConsumerRebalanceListener(new ConsumerAwareRebalanceListener() {
            @Override
            public void onPartitionsRevokedAfterCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                listener.revoked(partitions);
            }

            @Override
            public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                listener.revoked(partitions);
            }
        });
        ConcurrentMessageListenerContainer<Object, Object> container =
                factory.createContainer(settings.inputTopics().toArray(String[]::new));
        container.setupMessageListener(listener);
        container.setBeanName("plusoftSink");
        listener.attach(container);
        CircuitPauser.bind(circuitBreaker, container);
        return container;
    }

    /**
     * Topics this sink reads and writes, created at start-up when missing (existing ones are left as
     * they are): plusoft.&lt;entidade&gt; (compacted) and its .dlq (plusoft.dead-letter.retention, 30 days),
     * with the entity's partitions, and the runs topic with one partition.
     */
    @Bean
    KafkaAdmin.NewTopics sinkTopics(SinkSettings settings) {
        return new KafkaAdmin.NewTopics(topics(settings).toArray(NewTopic[]::new));
    }

    static List<NewTopic> topics(SinkSettings settings) {
        TopicCatalog topics = settings.topics();
        List<NewTopic> all = new ArrayList<>();
        for (EntityDefinition entity : settings.catalog().all()) {
            all.add(TopicBuilder.name(topics.payloads(entity.name()).name()).partitions(entity.partitions()).replicas(-1)
                    .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT).build());
            all.add(TopicBuilder.name(topics.payloadDeadLetters(entity.name()).name()).partitions(entity.partitions())
                    .replicas(-1).config(TopicConfig.RETENTION_MS_CONFIG,
                            Long.toString(settings.plusoft().deadLetter().retention().toMillis())).build());
        }
        all.add(TopicBuilder.name(topics.runEvents().name()).partitions(1).replicas(-1).build());
        return all;
    }
}
