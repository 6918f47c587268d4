package br.com.cdcplusoft.sink.status;

import br.com.cdcplusoft.core.catalog.Topic;
import br.com.cdcplusoft.core.status.SinkStatus;
import br.com.cdcplusoft.sink.delivery.SinkMetrics;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Writes this process's {@link SinkStatus} (delivered counts, last delivery, circuit breaker) to the
 * status topic every {@code plusoft.status.every}, and once more when the sink stops so that its
 * final counts stay on the topic. A report that cannot be written is skipped: the next one
 * carries the same cumulative counts.
 */
final class SinkStatusPublisher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SinkStatusPublisher.class);

    private final String instance;
    private final List<String> entities;
    private final SinkMetrics metrics;
    private final CircuitBreaker breaker;
    private final KafkaTemplate<byte[], byte[]> template;
    private final Topic<String, SinkStatus> topic;
    private final Duration every;
    private final Clock clock;
    private final AtomicBoolean failing = new AtomicBoolean();
    private volatile ScheduledExecutorService executor;

    SinkStatusPublisher(String instance, List<String> entities, SinkMetrics metrics, CircuitBreaker breaker,
                        KafkaTemplate<byte[], byte[]> template, Topic<String, SinkStatus> topic, Duration every, Clock clock) {
        this.instance = instance;
        this.entities = List.copyOf(entities);
        this.metrics = metrics;
        this.breaker = breaker;
        this.template = template;
        this.topic = topic;
        this.every = every;
        this.clock = clock;
    }

    SinkStatus current() {
        Map<String, SinkStatus.Entity> byEntity = new LinkedHashMap<>();
        for (String entity : entities) {
            byEntity.put(entity, new SinkStatus.Entity(metrics.delivered(entity), metrics.deadLettered(entity),
                    metrics.lastDelivery(entity).orElse(null)));
        }
        return new SinkStatus(instance, clock.instant(), every.toSeconds(), breaker.getState().name(), byEntity);
    }

    void publish() {
        try {
            SinkStatus status = current();
            byte[] key = topic.keySerde().serializer().serialize(topic.name(), instance);
            byte[] value = topic.valueSerde().serializer().serialize(topic.name(), status);
            template.send(new ProducerRecord<>(topic.name(), key, value)).whenComplete((r, e) -> {
                if (e != null && failing.compareAndSet(false, true)) {
                    log.warn("Writing the sink status to {} failed: {}", topic.name(), e.getClass().getSimpleName());
                } else if (e == null && failing.compareAndSet(true, false)) {
                    log.info("Writing the sink status to {} works again", topic.name());
                }
            });
        } catch (RuntimeException e) {
            log.warn("Writing the sink status to {} failed: {}", topic.name(), e.getClass().getSimpleName());
        }
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "plusoft-sink-status");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::publish, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor == null) {
            return;
        }
        executor.shutdownNow();
        executor = null;
        publish();
        template.flush();
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    /** Stops after the listener container (phase Integer.MAX_VALUE - 100), so the last report has the final counts. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 200;
    }
}
