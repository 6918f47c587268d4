package br.com.cdcplusoft.resilience.chaos;

import static org.awaitility.Awaitility.await;

import br.com.cdcplusoft.resilience.kafka.Topics;
import br.com.cdcplusoft.resilience.receiver.FaultyReceiver;
import br.com.cdcplusoft.resilience.workload.Workload;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.core.ConditionTimeoutException;

/**
 * How soon rows written at one moment reached Plusoft, counted from a reference moment (a restarted
 * service up, a kill): when the receiver first accepted the first of them and the last of them. A
 * probe of many keys lands on every partition, so "the last" is the slowest partition: a stage that
 * resumed only some of its partitions shows here.
 *
 * @param from      the reference moment
 * @param written   rows written
 * @param delivered rows the receiver accepted within the wait
 * @param first     from the reference to the first row accepted (null: none)
 * @param last      from the reference to the last row accepted (null: not all)
 */
public record Arrival(Instant from, int written, int delivered, Duration first, Duration last) {

    /**
     * Waits up to {@code timeout} for every row of {@code probe} to be accepted by the receiver during
     * {@code phase}; what did not arrive by then counts as not delivered (the figure says how many).
     */
    public static Arrival of(FaultyReceiver receiver, String phase, Workload.Probe probe, Instant from, Duration timeout) {
        try {
            await("probe rows of " + probe.entity().route() + " at the receiver").atMost(timeout).pollInterval(Duration.ofMillis(100))
                    .until(() -> times(receiver, phase, probe).size() == probe.rows().size());
        } catch (ConditionTimeoutException e) {
            // reported: delivered < written
        }
        List<Instant> times = times(receiver, phase, probe);
        Duration first = times.stream().min(Instant::compareTo).map(t -> Duration.between(from, t)).orElse(null);
        Duration last = times.size() == probe.rows().size()
                ? times.stream().max(Instant::compareTo).map(t -> Duration.between(from, t)).orElse(null) : null;
        return new Arrival(from, probe.rows().size(), times.size(), first, last);
    }

    private static List<Instant> times(FaultyReceiver receiver, String phase, Workload.Probe probe) {
        List<Instant> times = new ArrayList<>();
        probe.rows().forEach((row, seq) -> receiver.acceptedAt(phase, probe.entity().route(), probe.entity().plusoftId(row), seq)
                .ifPresent(times::add));
        return times;
    }

    /** Every row arrived, the last within {@code target}. */
    public boolean within(Duration target) {
        return last != null && last.compareTo(target) <= 0;
    }

    /** {@code "first 1.2 s, all 3.4 s"}, or how many are missing. */
    public String describe() {
        return "first " + seconds(first) + ", all " + (last == null ? "not delivered (" + delivered + " of " + written + ")" : seconds(last));
    }

    public static String seconds(Duration d) {
        return d == null ? "-" : String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    /**
     * The partitions of {@code topic} the probe's rows were written to, read from {@code from} (the
     * offsets before the probe): proof that the probe reached each partition.
     */
    public static Set<Integer> partitions(Topics topics, String topic, Map<TopicPartition, Long> from, Workload.Probe probe) {
        Collection<Long> ids = probe.rows().keySet().stream().map(row -> Long.parseLong(probe.entity().plusoftId(row).split("\\|")[0]))
                .toList();
        Pattern keys = Pattern.compile("\\b(" + String.join("|", ids.stream().map(String::valueOf).toList()) + ")\\b");
        Set<Integer> partitions = new TreeSet<>();
        for (ConsumerRecord<byte[], byte[]> r : topics.read(topics.partitions(topic), from)) {
            if (r.key() != null && keys.matcher(new String(r.key(), java.nio.charset.StandardCharsets.UTF_8)).find()) {
                partitions.add(r.partition());
            }
        }
        return partitions;
    }

    /** The partitions of {@code topic} that exist. */
    public static Set<Integer> all(Topics topics, String topic) {
        Set<Integer> all = new TreeSet<>();
        topics.partitions(topic).forEach(p -> all.add(p.partition()));
        return all;
    }
}
