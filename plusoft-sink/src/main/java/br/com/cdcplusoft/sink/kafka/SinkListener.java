package br.com.cdcplusoft.sink.kafka;

import br.com.cdcplusoft.core.catalog.TopicCatalog;
import br.com.cdcplusoft.sink.batching.BatchPlanner;
import br.com.cdcplusoft.sink.batching.Step;
import br.com.cdcplusoft.sink.batching.StepPlan;
import br.com.cdcplusoft.sink.config.EntityRoute;
import br.com.cdcplusoft.sink.config.SinkSettings;
import br.com.cdcplusoft.sink.converter.BodyWriter;
import br.com.cdcplusoft.sink.converter.Entry;
import br.com.cdcplusoft.sink.converter.PayloadConverter;
import br.com.cdcplusoft.sink.delivery.BatchDelivery;
import br.com.cdcplusoft.sink.delivery.RequeueException;
import br.com.cdcplusoft.sink.delivery.StepTally;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchConsumerAwareMessageListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * The batch listener: a poll's records, partition by partition in offset order, are converted,
 * cut into requests and delivered in turn. It returns only when every record of the poll is
 * delivered or dead-lettered, so the container's BATCH commit that follows never covers a record
 * Plusoft has not accepted. When records must wait (circuit open, stopping, poll time spent) it
 * throws a {@link BatchListenerFailedException} naming the first of them: Spring's
 * DefaultErrorHandler commits the records before it and seeks back to it.
 *
 * <p>Order per key holds because a partition is owned by one consumer thread and its requests go
 * one after the other; other partitions are in flight on the other threads of the container.
 *
 * <p>Before the first request of a partition's records goes out, the cut ({@link StepPlan}) is
 * committed as metadata with the partition's current offset, so that whoever reads these records
 * again after a crash sends the same requests with the same Idempotency-Keys; the container's
 * commit after the poll clears it.
 */
final class SinkListener implements BatchConsumerAwareMessageListener<byte[], byte[]> {

    private static final Logger log = LoggerFactory.getLogger(SinkListener.class);

    private final SinkSettings settings;
    private final BatchDelivery delivery;
    private final RunEventPublisher runEvents;
    private final Duration pollBudget;
    private volatile MessageListenerContainer container;
    /** Per partition, the offset after the last poll this process delivered whole: no plan of another consumer can apply there. */
    private final Map<TopicPartition, Long> delivered = new ConcurrentHashMap<>();
    /** Per partition, the plan this process committed last: a requeued poll resumes it. */
    private final Map<TopicPartition, StepPlan> planned = new ConcurrentHashMap<>();
    /** Per partition, the offset whose previous plan a poll fell short of, and how many polls did. */
    private final Map<TopicPartition, long[]> planWaits = new ConcurrentHashMap<>();
    static final int PLAN_WAITS = 20;

    SinkListener(SinkSettings settings, BatchDelivery delivery, RunEventPublisher runEvents, Duration pollBudget) {
        this.settings = settings;
        this.delivery = delivery;
        this.runEvents = runEvents;
        this.pollBudget = pollBudget;
    }

    void attach(MessageListenerContainer container) {
        this.container = container;
    }

    /** A partition that moved away may come back with records another consumer cut: forget what this process knew of it. */
    void revoked(Collection<TopicPartition> partitions) {
        partitions.forEach(p -> {
            delivered.remove(p);
            planned.remove(p);
            planWaits.remove(p);
        });
    }

    private boolean running() {
        MessageListenerContainer c = container;
        return c == null || c.isRunning();
    }

    @Override
    public void onMessage(List<ConsumerRecord<byte[], byte[]>> records, Consumer<?, ?> consumer) {
        long started = System.nanoTime();
        List<CompletableFuture<?>> reports = new ArrayList<>();
        TopicCatalog topics = settings.topics();
        try {
            int from = 0;
            while (from < records.size()) {
                int to = from + 1;
                ConsumerRecord<byte[], byte[]> first = records.get(from);
                while (to < records.size() && records.get(to).partition() == first.partition()
                        && records.get(to).topic().equals(first.topic())) {
                    to++;
                }
                String entity = topics.entityOf(first.topic());
                EntityRoute route = settings.plusoft().route(entity);
                List<Entry> entries = new ArrayList<>(to - from);
                for (int i = from; i < to; i++) {
                    entries.add(PayloadConverter.convert(i, records.get(i), route));
                }
                BatchPlanner planner = new BatchPlanner(settings.plusoft().batch().maxRecords(),
                        settings.plusoft().batch().maxBytes().toBytes(), new BodyWriter(route.wrapper()));
                TopicPartition partition = new TopicPartition(first.topic(), first.partition());
                StepPlan previous = previousPlan(partition, first.offset(), consumer);
                if (previous != null && records.get(to - 1).offset() < previous.last() && waitForWholePlan(partition, first.offset())) {
                    // the records the previous consumer cut are not all in this poll: cutting only some of them
                    // would change a request it may have sent; nothing of this partition is delivered or committed,
                    // so the plan stays, and a later poll (after the back-off) brings them whole
                    throw requeue(new RequeueException("records of a previous consumer's plan not all in this poll", entries.get(0)));
                }
                List<Step> steps = planner.plan(entries, previous);
                remember(partition, first.offset(), steps, consumer);
                for (Step step : steps) {
                    if (step.first().index() > 0 && System.nanoTime() - started > pollBudget.toNanos()) {
                        throw requeue(new RequeueException("poll time budget spent", step.first()));
                    }
                    deliver(entity, route, step, reports);
                }
                delivered.put(partition, records.get(to - 1).offset() + 1);
                from = to;
            }
        } finally {
            await(reports);
        }
    }

    /**
     * The plan these records were cut by before, if they were: none when this process delivered
     * the partition up to here itself; its own plan when a requeue brought it back mid-plan; else
     * the one in the committed metadata (left by a consumer that crashed, here or elsewhere).
     */
    private StepPlan previousPlan(TopicPartition partition, long firstOffset, Consumer<?, ?> consumer) {
        if (Long.valueOf(firstOffset).equals(delivered.get(partition))) {
            return null;
        }
        StepPlan own = planned.get(partition);
        if (own != null && own.from(firstOffset) != null) {
            return own.from(firstOffset);
        }
        try {
            OffsetAndMetadata committed = consumer.committed(Set.of(partition)).get(partition);
            StepPlan plan = committed == null || committed.offset() != firstOffset ? null : StepPlan.decode(committed.metadata());
            if (plan != null) {
                log.info("{}@{}: cutting the records as the previous consumer did ({} requests planned before)", partition, firstOffset,
                        plan.spans().size());
            }
            return plan;
        } catch (KafkaException e) {
            log.warn("{}@{}: the committed plan could not be read ({}): planning afresh", partition, firstOffset,
                    e.getClass().getSimpleName());
            return null;
        }
    }

    /**
     * Whether to wait (requeue) for a poll that holds a previous plan's records whole: yes for the
     * first {@link #PLAN_WAITS} polls that fall short at the same offset, then the records are cut
     * afresh (the records may be gone: compaction, retention), with a warning.
     */
    private boolean waitForWholePlan(TopicPartition partition, long firstOffset) {
        long[] waits = planWaits.compute(partition, (p, w) -> w == null || w[0] != firstOffset ? new long[] {firstOffset, 1}
                : new long[] {firstOffset, w[1] + 1});
        if (waits[1] <= PLAN_WAITS) {
            return true;
        }
        log.warn("{}@{}: the previous consumer's plan is still not whole in a poll after {} tries: cutting afresh (repeats may"
                + " carry other Idempotency-Keys)", partition, firstOffset, PLAN_WAITS);
        return false;
    }

    /** Commits the cut, with the partition's current offset, before any of its requests is sent. */
    private void remember(TopicPartition partition, long firstOffset, List<Step> steps, Consumer<?, ?> consumer) {
        if (steps.stream().noneMatch(Step::isRequest)) {
            return;
        }
        StepPlan plan = StepPlan.of(steps);
        try {
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(firstOffset, plan.encode())));
        } catch (KafkaException e) {
            // the records are committed by nobody yet; a crash now may re-cut them: rare, and what was before the plan
            log.warn("{}@{}: the plan could not be committed ({}): a crash before this poll is committed may resend with other keys",
                    partition, firstOffset, e.getClass().getSimpleName());
        }
        planned.put(partition, plan);
    }

    private void deliver(String entity, EntityRoute route, Step step, List<CompletableFuture<?>> reports) {
        StepTally tally = new StepTally();
        try {
            delivery.deliver(entity, route, step, tally, this::running);
        } catch (RequeueException e) {
            throw requeue(e);
        } catch (RuntimeException e) {
            log.error("{} {}: unexpected failure ({}), handing the records to the error handler", entity, step,
                    e.getClass().getName());
            throw new BatchListenerFailedException("unexpected failure delivering " + step, e, step.first().record());
        } finally {
            if (!tally.isEmpty()) {
                tally.runEvents(entity).forEach(event -> reports.add(runEvents.publish(event)));
            }
        }
    }

    private static BatchListenerFailedException requeue(RequeueException e) {
        log.info("Records handed back for a later poll: {}", e.getMessage());
        return new BatchListenerFailedException(e.getMessage(), e, e.from().record());
    }

    /** Run events are best effort: delivery does not wait on a report that cannot be written. */
    private void await(List<CompletableFuture<?>> reports) {
        for (CompletableFuture<?> report : reports) {
            try {
                report.get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                log.warn("A run event could not be published: {}", e.getClass().getSimpleName());
                runEvents.failed();
            }
        }
    }
}
