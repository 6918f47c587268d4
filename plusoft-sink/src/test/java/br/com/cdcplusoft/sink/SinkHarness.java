package br.com.cdcplusoft.sink;

import br.com.cdcplusoft.core.catalog.TopicCatalog;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * One real in-process KRaft broker for every integration test of the JVM, and per scenario its own
 * topic prefix and consumer group, so scenarios never see each other's records.
 */
final class SinkHarness implements AutoCloseable {

    private static final AtomicInteger SCENARIOS = new AtomicInteger();
    private static EmbeddedKafkaKraftBroker broker;

    final String name;
    final TopicCatalog topics;
    final String group;
    private final KafkaProducer<byte[], byte[]> producer;
    private final AdminClient admin;
    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

    SinkHarness(String name) {
        this.name = name + SCENARIOS.incrementAndGet();
        this.topics = new TopicCatalog("consinco.", this.name + ".", ".dlq", this.name + ".runs", "extractor.cursors");
        this.group = this.name + "-sink";
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        // one request in flight keeps the produced order without the idempotent producer's sequence
        // bookkeeping, which can wedge on partitions created a moment ago
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producer = new KafkaProducer<>(p);
        Properties a = new Properties();
        a.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        this.admin = AdminClient.create(a);
        // the sink creates its topics on start; tests that produce first need them now
        List<NewTopic> create = new ArrayList<>();
        Map<String, Integer> partitions = Map.of("filiais", 1, "produtos", 3, "clientes", 3, "vendas", 6);
        partitions.forEach((entity, n) -> {
            create.add(new NewTopic(topics.payloads(entity).name(), n, (short) 1));
            create.add(new NewTopic(topics.payloadDeadLetters(entity).name(), n, (short) 1));
        });
        create.add(new NewTopic(topics.runEvents().name(), 1, (short) 1));
        try {
            admin.createTopics(create).all().get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        List<String> names = create.stream().map(NewTopic::name).toList();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> admin.describeTopics(names)
                .allTopicNames().get().values().stream()
                .allMatch(d -> d.partitions().stream().allMatch(tp -> tp.leader() != null && !tp.leader().isEmpty())));
    }

    static synchronized String bootstrap() {
        if (broker == null) {
            broker = new EmbeddedKafkaKraftBroker(1, 1);
            broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
            broker.afterPropertiesSet();
            EmbeddedKafkaKraftBroker started = broker;
            Runtime.getRuntime().addShutdownHook(new Thread(started::destroy));
        }
        return broker.getBrokersAsString();
    }

    /** Starts the sink the way the standalone module does; {@code overrides} win over the yml. */
    ConfigurableApplicationContext startSink(Map<String, String> overrides) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("spring.config.name", PlusoftSinkApplication.CONFIG_NAME);
        props.put("spring.kafka.bootstrap-servers", bootstrap());
        props.put("spring.kafka.consumer.group-id", group);
        props.put("spring.kafka.listener.concurrency", "2");
        props.put("server.port", "0");
        props.put("pipeline.topics.payload-prefix", topics.payloadPrefix());
        props.put("pipeline.topics.runs", topics.runs());
        props.put("plusoft.auth.token", "test-token");
        props.put("plusoft.batch.linger", "200ms");
        props.put("plusoft.retry.initial", "100ms");
        props.put("plusoft.retry.max", "1s");
        props.putAll(overrides);
        String[] args = props.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(PlusoftSinkApplication.class).run(args);
        contexts.add(context);
        return context;
    }

    void produce(String entity, int partition, String key, String value, Map<String, String> headers) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topics.payloads(entity).name(), partition,
                key.getBytes(StandardCharsets.UTF_8), value == null ? null : value.getBytes(StandardCharsets.UTF_8));
        headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        producer.send(record);
    }

    void flush() {
        producer.flush();
    }

    /** Committed offsets of the sink's group on an entity's topic, by partition (absent = none committed). */
    Map<Integer, Long> committed(String entity) {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            Map<Integer, Long> result = new LinkedHashMap<>();
            offsets.forEach((tp, om) -> {
                if (om != null && tp.topic().equals(topics.payloads(entity).name())) {
                    result.put(tp.partition(), om.offset());
                }
            });
            return result;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every record currently on a topic, from the beginning. */
    List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(all::add);
            }
        }
        return all;
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    void stop(ConfigurableApplicationContext context) {
        context.close();
        contexts.remove(context);
    }

    @Override
    public void close() {
        contexts.forEach(ConfigurableApplicationContext::close);
        producer.close();
        admin.close();
    }
}
