package br.com.cdcplusoft.resilience.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crashes a service at random moments of a time window and brings it back: at each moment a
 * SIGKILL, then a restart that waits until the service is ready again. Moments are drawn uniformly
 * (jittered, seeded) within the window; a moment that falls while the previous restart is still
 * under way is taken as soon as the service is ready.
 */
public final class Crashes {

    private static final Logger log = LoggerFactory.getLogger(Crashes.class);

    /** One crash as it happened. */
    public record Crash(String service, Instant killedAt, Instant readyAt) {
        public Duration downtime() {
            return Duration.between(killedAt, readyAt);
        }
    }

    /** What a crash does to one service. */
    public interface Target {
        String name();

        /** SIGKILL. */
        void kill();

        /** Start again and wait until ready. */
        void restart();
    }

    private final List<Crash> crashes = new CopyOnWriteArrayList<>();

    /** Moments, as offsets from now, for {@code count} crashes within [from, to). */
    public static List<Duration> moments(int count, Duration from, Duration to, Random random) {
        List<Duration> moments = new ArrayList<>();
        long span = to.toMillis() - from.toMillis();
        for (int i = 0; i < count; i++) {
            moments.add(from.plusMillis((long) (random.nextDouble() * span)));
        }
        Collections.sort(moments);
        return moments;
    }

    /** Schedules the crashes of one target; the future completes after its last restart. */
    public CompletableFuture<Void> schedule(Target target, List<Duration> moments) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "crash-" + target.name());
            t.setDaemon(true);
            return t;
        });
        Instant start = Instant.now();
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (Duration moment : moments) {
            chain = chain.thenCompose(v -> {
                long delay = Math.max(0, Duration.between(Instant.now(), start.plus(moment)).toMillis());
                CompletableFuture<Void> crash = new CompletableFuture<>();
                timer.schedule(() -> {
                    try {
                        Instant killed = Instant.now();
                        log.info("SIGKILL {} at +{} s", target.name(), Duration.between(start, killed).toSeconds());
                        target.kill();
                        target.restart();
                        Crash c = new Crash(target.name(), killed, Instant.now());
                        crashes.add(c);
                        log.info("{} ready again after {} ms", target.name(), c.downtime().toMillis());
                        crash.complete(null);
                    } catch (RuntimeException e) {
                        crash.completeExceptionally(e);
                    }
                }, delay, TimeUnit.MILLISECONDS);
                return crash;
            });
        }
        return chain.whenComplete((v, e) -> timer.shutdown());
    }

    public List<Crash> crashes() {
        return List.copyOf(crashes);
    }
}
