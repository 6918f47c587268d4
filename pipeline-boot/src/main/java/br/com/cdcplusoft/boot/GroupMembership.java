package br.com.cdcplusoft.boot;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * How the services' consumers take part in their groups, so that a crash costs seconds, not a
 * session: with {@code pipeline.instance-id} set, each consumer joins with a stable
 * {@code group.instance.id} (static membership), and a restarted instance gets its own partitions
 * back at once, without a rebalance; and a member that dies and does not come back is dropped after
 * {@link #SESSION_TIMEOUT} (Kafka's default is 45 s), its partitions moving to the others.
 *
 * <p>Two live consumers with one {@code group.instance.id} fence each other, so the id must be unique
 * per running instance: the sink's concurrent consumers get Spring Kafka's suffix ({@code -0},
 * {@code -1}, ...) and Kafka Streams suffixes each stream thread's ({@code -1}, {@code -2}, ...). A static
 * member does not leave its group on shutdown either: a stopped instance that is not started again
 * also hands its partitions over after the session timeout.
 */
public final class GroupMembership {

    /** A member silent this long is dropped: a killed instance's partitions move within about 15 s. */
    public static final Duration SESSION_TIMEOUT = Duration.ofSeconds(10);
    /** A fifth of the session, so a surviving member hears of the rebalance soon after the expiry. */
    public static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(2);

    private GroupMembership() {
    }

    /**
     * Adds the membership settings to a consumer's properties; settings already there (given through
     * {@code spring.kafka.consumer.properties}, {@code mapper.streams}) are kept.
     *
     * @param instanceId the process's {@code pipeline.instance-id}, or null for dynamic membership
     */
    public static void apply(Map<? super String, ? super String> consumer, String instanceId) {
        consumer.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, Long.toString(SESSION_TIMEOUT.toMillis()));
        consumer.putIfAbsent(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Long.toString(HEARTBEAT_INTERVAL.toMillis()));
        if (instanceId != null) {
            consumer.putIfAbsent(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId);
        }
    }
}
