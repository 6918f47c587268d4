package br.com.cdcplusoft.extractor.debezium;

import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.format.Json;
import java.io.IOException;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;

/**
 * Runs one Debezium engine (the {@link DebeziumEngine} API) on its own thread for the life of the
 * application: the site's database log becomes change envelopes on the pipeline's topics, without a
 * Kafka Connect cluster. Health is DOWN once the engine stopped by itself (a send failure, lost
 * database), so the container is restarted and resumes from the offsets stored in Kafka.
 */
final class EmbeddedDebezium implements SmartLifecycle, HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDebezium.class);

    private final Properties properties;
    private final DebeziumEngine.ChangeConsumer<ChangeEvent<String, String>> consumer;
    private final AtomicReference<String> failure = new AtomicReference<>();
    private volatile DebeziumEngine<ChangeEvent<String, String>> engine;
    private volatile ExecutorService executor;
    private volatile boolean running;
    private volatile boolean polling;

    EmbeddedDebezium(Properties properties, DebeziumEngine.ChangeConsumer<ChangeEvent<String, String>> consumer) {
        this.properties = properties;
        this.consumer = consumer;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        failure.set(null);
        engine = DebeziumEngine.create(Json.class)
                .using(properties)
                .using(new DebeziumEngine.ConnectorCallback() {
                    @Override
                    public void pollingStarted() {
                        polling = true;
                    }

                    @Override
                    public void pollingStopped() {
                        polling = false;
                    }
                })
                .using((success, message, error) -> {
                    polling = false;
                    if (!success) {
                        failure.set(message);
                        log.error("Debezium engine {} stopped: {}", properties.getProperty("name"), message, error);
                    } else {
                        log.info("Debezium engine {} stopped", properties.getProperty("name"));
                    }
                })
                .notifying(consumer)
                .build();
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "debezium-" + properties.getProperty("name"));
            t.setDaemon(true);
            return t;
        });
        executor.execute(engine);
        running = true;
        log.info("Debezium engine {} started: connector {}", properties.getProperty("name"), properties.getProperty("connector.class"));
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        try {
            engine.close();
        } catch (IOException e) {
            log.warn("Debezium engine {} did not close cleanly: {}", properties.getProperty("name"), e.getMessage());
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** True once the connector streams changes (after its initial snapshot, if any). */
    boolean isPolling() {
        return polling;
    }

    /** Debezium's signaler for this engine (in-process channel), for callers living in this JVM. */
    DebeziumEngine.Signaler signaler() {
        return engine.getSignaler();
    }

    @Override
    public Health health() {
        String failed = failure.get();
        if (failed != null) {
            return Health.down().withDetail("engine", properties.getProperty("name")).withDetail("error", failed).build();
        }
        if (!running) {
            return Health.outOfService().withDetail("engine", properties.getProperty("name")).build();
        }
        return Health.up().withDetail("engine", properties.getProperty("name")).withDetail("streaming", polling).build();
    }
}
