package br.com.cdcplusoft.gateway.dlq;

import br.com.cdcplusoft.core.catalog.EntityCatalog;
import br.com.cdcplusoft.core.catalog.TopicCatalog;
import br.com.cdcplusoft.core.document.Masking;
import br.com.cdcplusoft.core.json.Json;
import br.com.cdcplusoft.gateway.config.GatewayProperties;
import br.com.cdcplusoft.gateway.web.Redaction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The dead-letter topics of every entity: {@code consinco.<e>.dlq} (the mapper's) and
 * {@code plusoft.<e>.dlq} (the sink's). Lists them, and re-drives them once the cause is fixed:
 * a mapper dead letter's original change event goes back to {@code consinco.<e>}, a sink dead
 * letter's original key and value back to {@code plusoft.<e>}, each to the partition it came from,
 * with the header {@code pipeline-redriven-from: <dlq topic>/<partition>/<offset>}.
 *
 * <p>What was re-driven is the committed offset of the consumer group
 * {@code gateway.dead-letters.redrive-group} on each dead-letter topic, committed only after every
 * re-published record was acknowledged: a dead letter is re-driven at most once by a successful
 * re-drive (a failed one re-drives it again next time), and anything it sends back that fails again
 * is a new dead letter. A dead letter whose key was written again after it (a newer version of the
 * row) is not re-published: it would overwrite the newer version downstream.
 */
public final class DeadLetterQueues {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterQueues.class);

    private final EntityCatalog catalog;
    private final TopicCatalog topics;
    private final GatewayProperties.DeadLetters settings;
    private final Map<String, Object> consumerProperties;
    private final Producer<byte[], byte[]> producer;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    /**
     * @param consumerProperties the client settings (bootstrap, security) of {@code spring.kafka}
     * @param producer           an idempotent producer of byte arrays, acks=all
     */
    public DeadLetterQueues(EntityCatalog catalog, TopicCatalog topics, GatewayProperties.DeadLetters settings,
                            Map<String, Object> consumerProperties, Producer<byte[], byte[]> producer) {
        this.catalog = catalog;
        this.topics = topics;
        this.settings = settings;
        this.consumerProperties = Map.copyOf(consumerProperties);
        this.producer = producer;
    }

    /** Counts and the {@code latest} newest dead letters of every entity's two topics. */
    public DeadLetterOverview list(int latest) {
        List<DeadLetterOverview.Entity> entities = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(settings.redriveGroup())) {
            for (String entity : catalog.names()) {
                entities.add(new DeadLetterOverview.Entity(entity,
                        queue(consumer, topics.changeDeadLetters(entity).name(), DeadLetterParser::mapper, latest),
                        queue(consumer, topics.payloadDeadLetters(entity).name(), DeadLetterParser::sink, latest)));
            }
        } catch (KafkaException e) {
            throw new UnavailableException("reading the dead-letter topics failed: " + e.getClass().getSimpleName(), e);
        }
        return new DeadLetterOverview(entities);
    }

    private DeadLetterOverview.Queue queue(KafkaConsumer<byte[], byte[]> consumer, String topic,
                                           Function<ConsumerRecord<byte[], byte[]>, DeadLetter> parser, int latest) {
        List<TopicPartition> partitions = partitions(consumer, topic);
        if (partitions.isEmpty()) {
            return new DeadLetterOverview.Queue(topic, 0, 0, false, List.of());
        }
        consumer.assign(partitions);
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(java.util.Set.copyOf(partitions));
        boolean truncated = false;
        Map<TopicPartition, Long> from = new HashMap<>();
        for (TopicPartition p : partitions) {
            long start = Math.max(begin.get(p), end.get(p) - settings.maxScan());
            truncated |= start > begin.get(p);
            from.put(p, start);
        }
        List<DeadLetter> letters = new ArrayList<>();
        readRange(consumer, from, end).forEach(r -> letters.add(parser.apply(r)));
        long pending = letters.stream().filter(d -> !redriven(d, topic, committed)).count();
        List<DeadLetterOverview.Item> newest = letters.stream()
                .sorted(Comparator.comparing(DeadLetter::timestamp).thenComparing(DeadLetter::offset).reversed())
                .limit(latest)
                .map(d -> new DeadLetterOverview.Item(d.partition(), d.offset(), d.timestamp(), classify(d),
                        Redaction.excerpt(d.reason()), d.field() == null ? null : Redaction.excerpt(d.field()), d.status(),
                        Redaction.excerpt(d.detail()), mask(d.key()), new DeadLetterOverview.Origin(d.origin().topic(), d.origin().partition(),
                        d.origin().offset()), redriven(d, topic, committed), d.redrivable()))
                .toList();
        return new DeadLetterOverview.Queue(topic, letters.size(), pending, truncated, newest);
    }

    /** A fixed code for what failed; the stages' own reasons are free text. */
    static String classify(DeadLetter d) {
        if (d.stage() == DeadLetter.Stage.MAPPER) {
            return d.redrivable() ? "MAPPING" : "UNREADABLE";
        }
        String reason = d.reason() == null ? "" : d.reason().strip();
        return reason.matches("[A-Z][A-Z_]{0,40}") ? "PLUSOFT_" + reason : "PLUSOFT_OTHER";
    }

    private static boolean redriven(DeadLetter d, String topic, Map<TopicPartition, OffsetAndMetadata> committed) {
        OffsetAndMetadata c = committed.get(new TopicPartition(topic, d.partition()));
        return c != null && d.offset() < c.offset();
    }

    /**
     * Re-drives every dead letter of the entity not re-driven yet, from both topics.
     *
     * @throws br.com.cdcplusoft.core.catalog.EntityCatalog.UnknownEntityException for an entity not in the catalog
     * @throws RedriveRunningException when a re-drive of the entity is already running in this gateway
     * @throws UnavailableException     when the broker could not be read or written (nothing is marked re-driven)
     */
    public RedriveResult redrive(String entity) {
        catalog.get(entity);
        ReentrantLock lock = locks.computeIfAbsent(entity, e -> new ReentrantLock());
        if (!lock.tryLock()) {
            throw new RedriveRunningException(entity);
        }
        try {
            RedriveResult.Counts mapper = redrive(topics.changeDeadLetters(entity).name(), topics.changes(entity).name(),
                    DeadLetterParser::mapper);
            RedriveResult.Counts sink = redrive(topics.payloadDeadLetters(entity).name(), topics.payloads(entity).name(),
                    DeadLetterParser::sink);
            log.info("Dead letters of {} re-driven: mapper {}, sink {}", entity, mapper, sink);
            return new RedriveResult(entity, mapper, sink);
        } catch (KafkaException e) {
            throw new UnavailableException("re-driving the dead letters of '" + entity + "' failed: " + e.getClass().getSimpleName(), e);
        } finally {
            lock.unlock();
        }
    }

    private RedriveResult.Counts redrive(String dlqTopic, String target, Function<ConsumerRecord<byte[], byte[]>, DeadLetter> parser) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(settings.redriveGroup())) {
            List<TopicPartition> partitions = partitions(consumer, dlqTopic);
            if (partitions.isEmpty()) {
                return RedriveResult.Counts.NONE;
            }
            consumer.assign(partitions);
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(java.util.Set.copyOf(partitions));
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> from = new HashMap<>();
            for (TopicPartition p : partitions) {
                OffsetAndMetadata c = committed.get(p);
                from.put(p, Math.max(begin.get(p), c == null ? 0 : c.offset()));
            }
            List<DeadLetter> letters = readRange(consumer, from, end).stream().map(parser).toList();
            if (letters.isEmpty()) {
                return RedriveResult.Counts.NONE;
            }
            Map<String, Long> newestOffsetByKey = newerWrites(target, letters);
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            long obsolete = 0;
            long ignored = 0;
            int targetPartitions = partitions(consumer, target).size();
            for (DeadLetter d : letters) {
                if (!d.redrivable()) {
                    ignored++;
                    continue;
                }
                if (supersededBy(d, target, newestOffsetByKey)) {
                    obsolete++;
                    continue;
                }
                Integer partition = d.origin().partition() != null && target.equals(d.origin().topic())
                        && d.origin().partition() < targetPartitions ? d.origin().partition() : null;
                List<Header> headers = new ArrayList<>(d.headers());
                headers.add(new RecordHeader(DeadLetterParser.REDRIVEN_FROM,
                        (dlqTopic + "/" + d.partition() + "/" + d.offset()).getBytes(StandardCharsets.UTF_8)));
                sent.add(producer.send(new ProducerRecord<>(target, partition, d.redriveKey(), d.redriveValue(), headers)));
            }
            producer.flush();
            for (Future<RecordMetadata> f : sent) {
                await(f);
            }
            // only now: a dead letter counts as re-driven once what replaces it is on the topic
            Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
            end.forEach((p, offset) -> done.put(p, new OffsetAndMetadata(offset, "re-driven " + Instant.now())));
            consumer.commitSync(done, settings.timeout());
            return new RedriveResult.Counts(letters.size(), sent.size(), obsolete, ignored);
        }
    }

    /** For each key of the dead letters, the newest offset the target topic holds for it after the oldest of them. */
    private Map<String, Long> newerWrites(String target, List<DeadLetter> letters) {
        Map<TopicPartition, Long> from = new HashMap<>();
        for (DeadLetter d : letters) {
            if (d.redrivable() && target.equals(d.origin().topic()) && d.origin().partition() != null && d.origin().offset() != null
                    && d.key() != null) {
                from.merge(new TopicPartition(target, d.origin().partition()), d.origin().offset() + 1, Math::min);
            }
        }
        Map<String, Long> newest = new HashMap<>();
        if (from.isEmpty()) {
            return newest;
        }
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(null)) {
            List<TopicPartition> partitions = List.copyOf(from.keySet());
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            for (ConsumerRecord<byte[], byte[]> r : readRange(consumer, from, end)) {
                newest.merge(r.partition() + ":" + canonical(r.key()), r.offset(), Math::max);
            }
        }
        return newest;
    }

    private static boolean supersededBy(DeadLetter d, String target, Map<String, Long> newest) {
        if (d.key() == null || d.origin().partition() == null || d.origin().offset() == null || !target.equals(d.origin().topic())) {
            return false;
        }
        Long latest = newest.get(d.origin().partition() + ":" + d.key().toString());
        return latest != null && latest > d.origin().offset();
    }

    /** A key as compact JSON (the form DeadLetter.key() prints), or base64 when it is not JSON. */
    private static String canonical(byte[] key) {
        if (key == null) {
            return "null";
        }
        try {
            return Json.mapper().readTree(key).toString();
        } catch (JacksonException e) {
            return Base64.getEncoder().encodeToString(key);
        }
    }

    private List<ConsumerRecord<byte[], byte[]>> readRange(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> from,
                                                           Map<TopicPartition, Long> end) {
        List<TopicPartition> partitions = List.copyOf(from.keySet());
        consumer.assign(partitions);
        from.forEach(consumer::seek);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
            if (System.nanoTime() > deadline) {
                throw new UnavailableException("reading " + partitions + " did not finish within " + settings.timeout(), null);
            }
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                    records.add(r);
                }
            }
        }
        return records;
    }

    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        List<PartitionInfo> info = consumer.partitionsFor(topic, settings.timeout());
        return info == null ? List.of() : info.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    private KafkaConsumer<byte[], byte[]> consumer(String group) {
        Properties props = new Properties();
        props.putAll(consumerProperties);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        if (group != null) {
            props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // reading never creates a dead-letter topic (the console lists them before any exists)
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) settings.timeout().toMillis());
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private void await(Future<RecordMetadata> f) {
        try {
            f.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted while re-publishing dead letters", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new UnavailableException("re-publishing a dead letter failed: " + e.getClass().getSimpleName(), e);
        }
    }

    /** A record key fit to show: CPF/CNPJ, e-mail and phone fields masked (LGPD). */
    static JsonNode mask(JsonNode key) {
        if (key == null || !key.isObject()) {
            return key;
        }
        ObjectNode masked = (ObjectNode) key.deepCopy();
        for (String name : List.copyOf(masked.propertyNames())) {
            JsonNode v = masked.get(name);
            if (v == null || v.isNull()) {
                continue;
            }
            String upper = name.toUpperCase(java.util.Locale.ROOT);
            if (upper.equals("IDPESSOA") || upper.contains("CPF") || upper.contains("CNPJ") || upper.contains("CGC")) {
                masked.put(name, Masking.document(v.asString()));
            } else if (upper.contains("EMAIL")) {
                masked.put(name, Masking.email(v.asString()));
            } else if (upper.startsWith("NUMCEL") || upper.startsWith("NUMTEL") || upper.startsWith("FONENRO")) {
                masked.put(name, Masking.phone(v.asString()));
            }
        }
        return masked;
    }

    /** A re-drive of the entity is already running in this gateway. */
    public static final class RedriveRunningException extends RuntimeException {
        private final String entity;

        RedriveRunningException(String entity) {
            super("a re-drive of the dead letters of '" + entity + "' is already running");
            this.entity = entity;
        }

        public String entity() {
            return entity;
        }
    }

    /** The broker could not be read or written in time; nothing was marked re-driven. */
    public static final class UnavailableException extends RuntimeException {
        UnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
