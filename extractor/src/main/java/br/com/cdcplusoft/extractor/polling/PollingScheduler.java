package br.com.cdcplusoft.extractor.polling;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/** Runs each entity's poller at its own interval; a failed poll is logged and retried next interval. */
final class PollingScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PollingScheduler.class);

    private final Supplier<List<IncrementalPoller>> factory;
    private List<IncrementalPoller> pollers = List.of();
    private ScheduledExecutorService executor;

    PollingScheduler(Supplier<List<IncrementalPoller>> factory) {
        this.factory = factory;
    }

    List<IncrementalPoller> pollers() {
        return pollers;
    }

    @Override
    public synchronized void start() {
        pollers = factory.get();
        executor = Executors.newScheduledThreadPool(Math.max(1, pollers.size()), r -> {
            Thread t = new Thread(r, "poller");
            t.setDaemon(true);
            return t;
        });
        for (IncrementalPoller poller : pollers) {
            long interval = poller.entity().pollInterval().toMillis();
            executor.scheduleWithFixedDelay(() -> pollSafely(poller), 0, interval, TimeUnit.MILLISECONDS);
        }
        log.info("Polling {} entities: {}", pollers.size(), pollers.stream().map(p -> p.entity().name()).toList());
    }

    private static void pollSafely(IncrementalPoller poller) {
        try {
            poller.poll();
        } catch (Exception e) {
            // the cursor was not advanced: the same rows are read again next time
            log.warn("Polling {} failed, retrying next interval: {}", poller.entity().name(), e.getMessage());
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdown();
            try {
                if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                    executor.shutdownNow();
                }
            } catch (InterruptedException e) {
                executor.shutdownNow();
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
