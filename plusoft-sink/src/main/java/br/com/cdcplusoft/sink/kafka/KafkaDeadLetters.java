package br.com.cdcplusoft.sink.kafka;

import br.com.cdcplusoft.core.catalog.TopicCatalog;
import br.com.cdcplusoft.core.deadletter.DeadLetterFormat;
import br.com.cdcplusoft.sink.converter.Entry;
import br.com.cdcplusoft.sink.delivery.DeadLetterPublisher;
import br.com.cdcplusoft.sink.delivery.DeadLetterReason;
import br.com.cdcplusoft.sink.delivery.DeliveryFailure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * Dead letters through Spring Kafka's {@link DeadLetterPublishingRecoverer}: the record goes to
 * {@code plusoft.<entidade>.dlq} with its original key, value (null for a tombstone) and headers (run
 * id, forced), Spring's {@code kafka_dlt-*} headers (original topic, partition, offset, timestamp,
 * exception class and message; no stack trace), and ours ({@link DeadLetterFormat}):
 * <ul>
 *   <li>{@code plusoft-dlq-reason}: a {@link DeadLetterReason}</li>
 *   <li>{@code plusoft-status}: Plusoft's last HTTP status (absent when there was none)</li>
 *   <li>{@code plusoft-response-body}: its response body, truncated to plusoft.dead-letter.response-body-limit</li>
 *   <li>{@code plusoft-attempts}: requests made for the batch that held the record</li>
 *   <li>{@code plusoft-idempotency-key}: of the last request that held it</li>
 * </ul>
 * Keeping the record as it was means a dead letter is replayed by producing it back to
 * {@code plusoft.<entidade>} unchanged. The same recoverer is the error handler's, for records it
 * gives up on ({@code INTERNAL_ERROR}).
 */
final class KafkaDeadLetters implements DeadLetterPublisher {

    static final String REASON = DeadLetterFormat.SINK_REASON;
    static final String STATUS = DeadLetterFormat.SINK_STATUS;
    static final String RESPONSE_BODY = DeadLetterFormat.SINK_RESPONSE_BODY;
    static final String ATTEMPTS = DeadLetterFormat.SINK_ATTEMPTS;
    static final String IDEMPOTENCY_KEY = DeadLetterFormat.SINK_IDEMPOTENCY_KEY;

    private final DeadLetterPublishingRecoverer recoverer;

    KafkaDeadLetters(DeadLetterPublishingRecoverer recoverer) {
        this.recoverer = recoverer;
    }

    static DeadLetterPublishingRecoverer recoverer(KafkaOperations<byte[], byte[]> template, TopicCatalog topics) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template, (record, exception) -> {
            String entity = topics.entityOf(record.topic());
            // a negative partition lets the producer choose by key, whatever the dead-letter topic's partition count
            return new TopicPartition(topics.payloadDeadLetters(entity == null ? record.topic() : entity).name(), -1);
        });
        recoverer.setHeadersFunction((record, exception) -> headers(exception));
        recoverer.excludeHeader(DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd.EX_STACKTRACE);
        recoverer.setWaitForSendResultTimeout(Duration.ofSeconds(30));
        recoverer.setFailIfSendResultIsError(true);
        return recoverer;
    }

    @Override
    public void publish(Entry entry, DeliveryFailure failure) {
        recoverer.accept(entry.record(), null, failure);
    }

    private static Headers headers(Exception exception) {
        Headers headers = new RecordHeaders();
        DeliveryFailure failure = find(exception);
        if (failure == null) {
            add(headers, REASON, DeadLetterReason.INTERNAL_ERROR.name());
            return headers;
        }
        add(headers, REASON, failure.reason().name());
        if (failure.status() > 0) {
            add(headers, STATUS, Integer.toString(failure.status()));
        }
        if (failure.responseBody() != null) {
            add(headers, RESPONSE_BODY, failure.responseBody());
        }
        add(headers, ATTEMPTS, Integer.toString(failure.attempts()));
        if (failure.idempotencyKey() != null) {
            add(headers, IDEMPOTENCY_KEY, failure.idempotencyKey());
        }
        return headers;
    }

    private static DeliveryFailure find(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof DeliveryFailure f) {
                return f;
            }
        }
        return null;
    }

    private static void add(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
