package br.com.cdcplusoft.sink.kafka;

import br.com.cdcplusoft.core.catalog.TopicCatalog;
import br.com.cdcplusoft.sink.batching.BatchPlanner;
import br.com.cdcplusoft.sink.batching.Step;
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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.BatchMessageListener;
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
 */
final class SinkListener implements BatchMessageListener<byte[], byte[]> {

    private static final Logger log = LoggerFactory.getLogger(SinkListener.class);

    private final SinkSettings settings;
    private final BatchDelivery delivery;
    private final RunEventPublisher runEvents;
    private final Duration pollBudget;
    private volatile MessageListenerContainer container;

    SinkListener(SinkSettings settings, BatchDelivery delivery, RunEventPublisher runEvents, Duration pollBudget) {
        this.settings = settings;
        this.delivery = delivery;
        this.runEvents = runEvents;
        this.pollBudget = pollBudget;
    }

    void attach(MessageListenerContainer container) {
        this.container = container;
    }

    private boolean running() {
        MessageListenerContainer c = container;
        return c == null || c.isRunning();
    }

    @Override
    public void onMessage(List<ConsumerRecord<byte[], byte[]>> records) {
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
                for (Step step : planner.plan(entries)) {
                    if (step.first().index() > 0 && System.nanoTime() - started > pollBudget.toNanos()) {
                        throw requeue(new RequeueException("poll time budget spent", step.first()));
                    }
                    deliver(entity, route, step, reports);
                }
                from = to;
            }
        } finally {
            await(reports);
        }
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
