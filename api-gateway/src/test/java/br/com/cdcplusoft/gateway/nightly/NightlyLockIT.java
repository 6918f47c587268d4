package br.com.cdcplusoft.gateway.nightly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronExpression;

/** The Kafka "first claim wins" lock against a real broker: replicas racing for a slot, one runs it. */
@EmbeddedKafka(topics = NightlyLockIT.TOPIC, partitions = 1)
class NightlyLockIT {

    static final String TOPIC = "gateway.nightly-lock";
    private static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void broker() {
        broker = EmbeddedKafkaCondition.getBroker();
    }

    @Test
    void replicasRacingForTheSameSlotAgreeOnExactlyOneWinner() throws Exception {
        ZonedDateTime slot = ZonedDateTime.of(2024, 7, 15, 1, 0, 0, 0, SAO_PAULO);
        List<KafkaNightlyLock> replicas = List.of(lock("a"), lock("b"), lock("c"));
        ExecutorService pool = Executors.newFixedThreadPool(replicas.size());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<Boolean>> answers = replicas.stream().map(r -> CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                    return r.acquire(slot);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, pool)).toList();
            go.countDown();
            List<Boolean> won = answers.stream().map(CompletableFuture::join).toList();
            assertThat(won).containsOnlyOnce(true);
            // a replica that fires late loses to the earlier claim
            assertThat(lock("late").acquire(slot)).isFalse();
            // the next night is a new slot with its own winner
            assertThat(lock("d").acquire(slot.plusDays(1))).isTrue();
            assertThat(lock("e").acquire(slot.plusDays(1))).isFalse();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twoSchedulersOnTheSameCronRunTheNightlySlotOnce() {
        Clock clock = Clock.fixed(ZonedDateTime.of(2024, 8, 20, 0, 59, 59, 500_000_000, SAO_PAULO).toInstant(), SAO_PAULO);
        List<ZonedDateTime> runs = new CopyOnWriteArrayList<>();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        List<ThreadPoolTaskScheduler> pools = List.of(pool(clock), pool(clock));
        List<NightlyScheduler> schedulers = List.of(
                new NightlyScheduler(CronExpression.parse("0 0 1 * * *"), SAO_PAULO, clock, pools.get(0), lock("replica-1"), runs::add, meters),
                new NightlyScheduler(CronExpression.parse("0 0 1 * * *"), SAO_PAULO, clock, pools.get(1), lock("replica-2"), runs::add, meters));
        try {
            schedulers.forEach(NightlyScheduler::start);
            await().atMost(Duration.ofSeconds(30)).until(() -> meters.counter("gateway.nightly.fires", "outcome", "ran").count()
                    + meters.counter("gateway.nightly.fires", "outcome", "other_replica").count() == 2);
            assertThat(runs).containsExactly(ZonedDateTime.of(2024, 8, 20, 1, 0, 0, 0, SAO_PAULO));
            assertThat(meters.counter("gateway.nightly.fires", "outcome", "other_replica").count()).isEqualTo(1);
        } finally {
            schedulers.forEach(NightlyScheduler::stop);
            pools.forEach(ThreadPoolTaskScheduler::shutdown);
        }
    }

    @Test
    void anUnreachableBrokerIsAFailureNotAWin() {
        KafkaNightlyLock lock = new KafkaNightlyLock(Map.of("bootstrap.servers", "127.0.0.1:1"), Map.of("bootstrap.servers", "127.0.0.1:1"),
                TOPIC, "alone", Duration.ofSeconds(2));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> lock.acquire(ZonedDateTime.now(SAO_PAULO)))
                .isInstanceOf(Exception.class);
    }

    private static KafkaNightlyLock lock(String replica) {
        Map<String, Object> props = Map.of("bootstrap.servers", broker.getBrokersAsString());
        return new KafkaNightlyLock(props, props, TOPIC, replica, Duration.ofSeconds(20));
    }

    private static ThreadPoolTaskScheduler pool(Clock clock) {
        ThreadPoolTaskScheduler pool = new ThreadPoolTaskScheduler();
        pool.setClock(clock);
        pool.initialize();
        return pool;
    }
}
