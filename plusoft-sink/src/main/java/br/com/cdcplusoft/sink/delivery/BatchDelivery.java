package br.com.cdcplusoft.sink.delivery;

import br.com.cdcplusoft.sink.batching.IdempotencyKeys;
import br.com.cdcplusoft.sink.batching.Step;
import br.com.cdcplusoft.sink.config.EntityRoute;
import br.com.cdcplusoft.sink.converter.BodyWriter;
import br.com.cdcplusoft.sink.converter.Entry;
import br.com.cdcplusoft.sink.sender.PlusoftRequest;
import br.com.cdcplusoft.sink.sender.PlusoftSender;
import br.com.cdcplusoft.sink.sender.SendResult;
import br.com.cdcplusoft.sink.sender.StoppedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one step of one partition: every record ends delivered, dead-lettered, or handed back
 * for a later poll ({@link RequeueException}); nothing is dropped.
 *
 * <ul>
 *   <li>2xx: delivered.</li>
 *   <li>IO error, timeout, 408, 429, 5xx (and 401/403): the same request again, same Idempotency-Key,
 *       after {@link RetryPolicy#delay}; once the next attempt would start after
 *       {@code plusoft.retry.max-total} from the step's first attempt, the records still pending go
 *       to the dead-letter topic and the partition moves on.</li>
 *   <li>any other 4xx: the request is split in halves, sent in order, recursively, until the refused
 *       records stand alone; only those are dead-lettered, with the status and response body. The
 *       halves share the step's time budget.</li>
 *   <li>circuit breaker open, or the container stopping: {@link RequeueException}, the records are
 *       neither delivered nor dead-lettered and the error handler seeks back to them.</li>
 * </ul>
 */
public final class BatchDelivery {

    private static final Logger log = LoggerFactory.getLogger(BatchDelivery.class);

    private final PlusoftSender sender;
    private final RetryPolicy policy;
    private final Pacer pacer;
    private final DeadLetterPublisher deadLetters;
    private final SinkMetrics metrics;
    private final int responseBodyLimit;
    private final Clock clock;

    public BatchDelivery(PlusoftSender sender, RetryPolicy policy, Pacer pacer, DeadLetterPublisher deadLetters,
                         SinkMetrics metrics, int responseBodyLimit, Clock clock) {
        this.sender = sender;
        this.policy = policy;
        this.pacer = pacer;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.responseBodyLimit = responseBodyLimit;
        this.clock = clock;
    }

    /**
     * @param tally   receives what was delivered and dead-lettered, also when a requeue cuts the step short
     * @param running false once the listener container stops
     * @throws RequeueException when the records from {@link RequeueException#from()} on must be consumed again
     */
    public void deliver(String entity, EntityRoute route, Step step, StepTally tally, BooleanSupplier running) {
        switch (step.kind()) {
            case SKIP -> {
                tally.delivered(step.entries());
                metrics.skipped(entity, step.size());
            }
            case INVALID -> {
                log.warn("{} {}: dead-lettered without a request, {}", entity, step.first().coordinates(), step.first().problem());
                deadLetter(entity, step, tally, new DeliveryFailure(DeadLetterReason.INVALID_PAYLOAD, 0, step.first().problem(),
                        null, 0, null));
            }
            case TOO_LARGE -> {
                log.warn("{} {}: dead-lettered without a request, {} bytes, more than plusoft.batch.max-bytes allows", entity,
                        step.first().coordinates(), step.first().bodySize());
                deadLetter(entity, step, tally, new DeliveryFailure(DeadLetterReason.TOO_LARGE, 0,
                        step.first().bodySize() + " bytes", null, 0, null));
            }
            case UPSERT, DELETE -> {
                Instant deadline = clock.instant().plus(policy.maxTotal());
                send(new Target(entity, route, new BodyWriter(route.wrapper()), deadline, running), step, tally);
                metrics.batch(entity, tally.deliveredCount(), tally.deadLetteredCount());
            }
        }
    }

    private record Target(String entity, EntityRoute route, BodyWriter writer, Instant deadline, BooleanSupplier running) {
    }

    private void send(Target target, Step step, StepTally tally) {
        boolean delete = step.kind() == Step.Kind.DELETE;
        String method = delete ? target.route().deleteMethod() : "POST";
        String path = delete ? target.route().deletePath() : target.route().path();
        byte[] body = target.writer().write(step.entries());
        String key = IdempotencyKeys.of(target.entity(), method, path, step, body);
        PlusoftRequest request = new PlusoftRequest(target.entity(), method, path, body, key, step.size());
        if (clock.instant().isAfter(target.deadline())) {
            // a half of a bisected batch reached after the time budget: the budget bounds the whole batch
            deadLetter(target.entity(), step, tally, new DeliveryFailure(DeadLetterReason.RETRIES_EXHAUSTED, 0,
                    "plusoft.retry.max-total spent before this part of a bisected batch was sent", null, 0, key));
            return;
        }
        for (int attempt = 1; ; attempt++) {
            SendResult result;
            try {
                result = sender.send(request, target.running());
            } catch (StoppedException e) {
                throw new RequeueException(e.getMessage(), step.first());
            }
            metrics.request(target.entity(), result);
            switch (result.outcome()) {
                case ACCEPTED -> {
                    log.debug("{} {} accepted: {} records, status {}, attempt {}", target.entity(), step, step.size(),
                            result.status(), attempt);
                    tally.delivered(step.entries());
                    metrics.sent(target.entity(), step.size());
                    return;
                }
                case NOT_PERMITTED -> throw new RequeueException("circuit breaker open", step.first());
                case REJECTED -> {
                    if (step.size() == 1) {
                        log.warn("{} {} rejected by Plusoft with status {}: dead-lettered", target.entity(), step, result.status());
                        deadLetter(target.entity(), step, tally, failure(DeadLetterReason.REJECTED, result, attempt, key));
                        return;
                    }
                    log.info("{} {} rejected with status {}: bisecting {} records", target.entity(), step, result.status(),
                            step.size());
                    metrics.bisection(target.entity());
                    int middle = step.size() / 2;
                    send(target, step.slice(0, middle), tally);
                    send(target, step.slice(middle, step.size()), tally);
                    return;
                }
                case RETRYABLE -> {
                    Duration delay = policy.delay(attempt, result.retryAfter());
                    if (clock.instant().plus(delay).isAfter(target.deadline())) {
                        log.warn("{} {} still failing with {} after {} attempts, past plusoft.retry.max-total: dead-lettered",
                                target.entity(), step, result.statusLabel(), attempt);
                        deadLetter(target.entity(), step, tally, failure(DeadLetterReason.RETRIES_EXHAUSTED, result, attempt, key));
                        return;
                    }
                    log.info("{} {} failed with {} (attempt {}): retrying in {} ms{}", target.entity(), step,
                            result.statusLabel(), attempt, delay.toMillis(), result.retryAfter() == null ? "" : " (Retry-After)");
                    metrics.retry(target.entity(), result.statusLabel());
                    try {
                        pacer.pause(delay, target.running());
                    } catch (StoppedException e) {
                        throw new RequeueException(e.getMessage(), step.first());
                    }
                }
            }
        }
    }

    private DeliveryFailure failure(DeadLetterReason reason, SendResult result, int attempts, String key) {
        String body = result.body();
        if (body != null && body.length() > responseBodyLimit) {
            body = body.substring(0, responseBodyLimit);
        }
        return new DeliveryFailure(reason, result.status(), result.status() == 0 ? result.failure() : null, body, attempts, key);
    }

    private void deadLetter(String entity, Step step, StepTally tally, DeliveryFailure failure) {
        for (Entry entry : step.entries()) {
            try {
                deadLetters.publish(entry, failure);
            } catch (RuntimeException e) {
                log.error("{} {}: dead letter could not be written ({}): the record will be consumed again", entity,
                        entry.coordinates(), e.getClass().getSimpleName());
                throw new RequeueException("dead letter not written", entry);
            }
            tally.deadLettered(entry);
            metrics.deadLettered(entity, failure.reason());
        }
    }
}
