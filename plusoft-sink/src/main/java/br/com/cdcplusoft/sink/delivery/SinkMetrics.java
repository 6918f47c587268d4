package br.com.cdcplusoft.sink.delivery;

import br.com.cdcplusoft.sink.sender.SendResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sink's meters (Prometheus names in brackets):
 * <ul>
 *   <li>{@code plusoft.sink.records.sent} [plusoft_sink_records_sent_total]{entity}: records Plusoft accepted</li>
 *   <li>{@code plusoft.sink.records.skipped} {entity}: tombstones skipped by configuration</li>
 *   <li>{@code plusoft.sink.records.dead.lettered} {entity, reason}: records written to the dead-letter topic</li>
 *   <li>{@code plusoft.sink.batches} {entity, outcome=delivered|partial|dead_lettered}: batches completed</li>
 *   <li>{@code plusoft.sink.requests} timer {entity, status, outcome}: every request and its latency</li>
 *   <li>{@code plusoft.sink.retries} {entity, status}: attempts scheduled again</li>
 *   <li>{@code plusoft.sink.bisections} {entity}: rejected requests split in two</li>
 * </ul>
 * It also remembers when each entity was last delivered, for the status the sink reports to the
 * gateway's console.
 */
public final class SinkMetrics {

    private final MeterRegistry registry;
    private final Map<String, Instant> lastSent = new ConcurrentHashMap<>();

    public SinkMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public MeterRegistry registry() {
        return registry;
    }

    void request(String entity, SendResult result) {
        if (result.latency() == null) {
            return;
        }
        Timer.builder("plusoft.sink.requests").description("Requests to Plusoft")
                .tags("entity", entity, "status", result.statusLabel(), "outcome", result.outcome().name().toLowerCase())
                .publishPercentileHistogram(false)
                .register(registry).record(result.latency());
    }

    void sent(String entity, int records) {
        counter("plusoft.sink.records.sent", "Records accepted by Plusoft", "entity", entity).increment(records);
        if (records > 0) {
            lastSent.put(entity, Instant.now());
        }
    }

    /** Records of the entity Plusoft accepted since this process started. */
    public long delivered(String entity) {
        Counter c = registry.find("plusoft.sink.records.sent").tag("entity", entity).counter();
        return c == null ? 0 : (long) c.count();
    }

    /** Records of the entity written to the dead-letter topic since this process started, whatever the reason. */
    public long deadLettered(String entity) {
        return (long) registry.find("plusoft.sink.records.dead.lettered").tag("entity", entity).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    /** When Plusoft last accepted a record of the entity from this process. */
    public Optional<Instant> lastDelivery(String entity) {
        return Optional.ofNullable(lastSent.get(entity));
    }

    void skipped(String entity, int records) {
        counter("plusoft.sink.records.skipped", "Tombstones skipped by configuration", "entity", entity).increment(records);
    }

    void deadLettered(String entity, DeadLetterReason reason) {
        counter("plusoft.sink.records.dead.lettered", "Records written to the dead-letter topic",
                "entity", entity, "reason", reason.name()).increment();
    }

    void retry(String entity, String status) {
        counter("plusoft.sink.retries", "Attempts scheduled again", "entity", entity, "status", status).increment();
    }

    void bisection(String entity) {
        counter("plusoft.sink.bisections", "Rejected requests split in two", "entity", entity).increment();
    }

    void batch(String entity, int delivered, int deadLettered) {
        String outcome = deadLettered == 0 ? "delivered" : delivered == 0 ? "dead_lettered" : "partial";
        counter("plusoft.sink.batches", "Batches completed", "entity", entity, "outcome", outcome).increment();
    }

    public void runEventFailed() {
        counter("plusoft.sink.run.events.failed", "Run events that could not be published").increment();
    }

    private Counter counter(String name, String description, String... tags) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }
}
