package br.com.cdcplusoft.gateway.nightly;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * "First claim wins" on a one-partition Kafka topic ({@code gateway.nightly-lock}: key = the slot
 * as an ISO offset date-time, value = the claiming replica's id). Every replica that fires appends
 * its claim, then reads the partition from the start up to its own claim: the earliest claim for
 * the slot is the same for every reader, because a partition is totally ordered, so exactly one
 * replica sees its own id and runs the slot. No table is written on the ERP's database, no
 * membership or clock agreement is needed, and a replica firing late still loses to the earlier
 * claim. If the winner dies mid-run, that night's run is lost, as with the single original
 * process; the next night runs normally.
 *
 * <p>The topic must keep claims longer than the gap between replicas' fire times (created with a
 * 7-day retention, delete policy: compaction would keep only the last claim of a slot).
 */
final class KafkaNightlyLock implements NightlyLock {

    private final Map<String, Object> producerProps;
    private final Map<String, Object> consumerProps;
    private final String topic;
    private final String replicaId;
    private final Duration timeout;

    KafkaNightlyLock(Map<String, Object> producerProps, Map<String, Object> consumerProps, String topic, String replicaId,
                     Duration timeout) {
        this.producerProps = new HashMap<>(producerProps);
        this.producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        this.producerProps.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
        this.producerProps.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(timeout.toMillis(), 1000));
        this.producerProps.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(timeout.toMillis(), 1000));
        this.producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        this.consumerProps = new HashMap<>(consumerProps);
        this.consumerProps.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.topic = topic;
        this.replicaId = replicaId;
        this.timeout = timeout;
    }

    @Override
    public boolean acquire(ZonedDateTime slot) throws Exception {
        String key = slotKey(slot);
        RecordMetadata claim;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer())) {
            claim = producer.send(new ProducerRecord<>(topic, 0, key, replicaId)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        TopicPartition partition = new TopicPartition(topic, 0);
        Instant deadline = Instant.now().plus(timeout);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        return replicaId.equals(record.value());
                    }
                    if (record.offset() >= claim.offset()) {
                        // unreachable: our own claim carries the key; never run on a doubtful read
                        return false;
                    }
                }
            }
        }
        throw new TimeoutException("reading the claims of " + topic + " up to offset " + claim.offset() + " took more than " + timeout);
    }

    static String slotKey(ZonedDateTime slot) {
        return slot.toOffsetDateTime().toString();
    }
}
