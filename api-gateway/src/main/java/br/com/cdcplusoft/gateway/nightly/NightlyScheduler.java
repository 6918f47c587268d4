package br.com.cdcplusoft.gateway.nightly;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.support.CronExpression;

/**
 * Fires the nightly run on the configured cron and zone (default {@code 0 0 1 * * *},
 * America/Sao_Paulo). Each fire has a slot, the nominal time the cron gives, computed from the
 * previous slot rather than from the clock, so a fire never repeats itself and every replica
 * names the same slot; the {@link NightlyLock} then lets exactly one replica run it (usually
 * {@link NightlyRun#run}). Times come from the injected {@link Clock} (the task scheduler is given
 * the same one), so tests fix them. A missed slot (the process was down at 01:00) is not caught up.
 */
final class NightlyScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NightlyScheduler.class);

    private final CronExpression cron;
    private final ZoneId zone;
    private final Clock clock;
    private final TaskScheduler scheduler;
    private final NightlyLock lock;
    private final Consumer<ZonedDateTime> run;
    private final MeterRegistry meters;
    private volatile boolean running;
    private volatile ScheduledFuture<?> next;
    private volatile ZonedDateTime nextSlot;

    NightlyScheduler(CronExpression cron, ZoneId zone, Clock clock, TaskScheduler scheduler, NightlyLock lock, Consumer<ZonedDateTime> run,
                     MeterRegistry meters) {
        this.cron = cron;
        this.zone = zone;
        this.clock = clock;
        this.scheduler = scheduler;
        this.lock = lock;
        this.run = run;
        this.meters = meters;
    }

    @Override
    public synchronized void start() {
        if (!running) {
            running = true;
            scheduleAfter(clock.instant());
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (next != null) {
            next.cancel(true);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** The slot the scheduler waits for, or null when stopped or the cron has no future time. */
    ZonedDateTime nextSlot() {
        return running ? nextSlot : null;
    }

    private synchronized void scheduleAfter(Instant after) {
        ZonedDateTime slot = cron.next(after.atZone(zone));
        nextSlot = slot;
        if (slot == null || !running) {
            return;
        }
        next = scheduler.schedule(() -> fire(slot), slot.toInstant());
        log.info("Nightly run scheduled for {}", slot);
    }

    void fire(ZonedDateTime slot) {
        if (!running) {
            return;
        }
        scheduleAfter(slot.toInstant());
        boolean won;
        try {
            won = lock.acquire(slot);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            // not knowing whether another replica runs it, this one must not: a slot never runs twice
            meters.counter("gateway.nightly.fires", "outcome", "lock_failed").increment();
            log.error("Nightly run of {} not started: the lock could not be claimed ({})", slot, e.toString());
            return;
        }
        if (!won) {
            meters.counter("gateway.nightly.fires", "outcome", "other_replica").increment();
            log.info("Nightly run of {} is run by another replica", slot);
            return;
        }
        meters.counter("gateway.nightly.fires", "outcome", "ran").increment();
        run.accept(slot);
    }
}
