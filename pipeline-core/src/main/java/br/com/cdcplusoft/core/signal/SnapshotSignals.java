package br.com.cdcplusoft.core.signal;

import br.com.cdcplusoft.core.json.Json;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Asks a running Debezium connector (Kafka Connect or the extractor's embedded engine) for an
 * incremental snapshot through its Kafka signal channel: the re-sync of an entity in Debezium mode.
 * Needs kafka-clients only, so the gateway uses it without the extractor (the extractor's
 * {@code DebeziumSignals} also has the table channel).
 *
 * <p>The record goes to partition 0 of {@code signal.kafka.topic} (the only one the connector reads: a
 * signal on another partition of a topic created with several would never be seen), keyed
 * by the connector's {@code topic.prefix} (the connector ignores records keyed otherwise), value
 * {@code {"id":..., "type":"execute-snapshot", "data":{"data-collections":[...], "type":"incremental"}}}.
 * The {@code id} is the signal's correlation id: Debezium's incremental-snapshot notifications carry
 * it as their {@code id} ({@link SnapshotNotification}), which is how a run follows its snapshot.
 * Thread-safe when the producer is.
 */
public final class SnapshotSignals {

    public static final String EXECUTE_SNAPSHOT = "execute-snapshot";

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$#]*(\\.[A-Za-z_][A-Za-z0-9_$#]*){0,2}");

    private final Producer<String, String> producer;
    private final String topic;
    private final String topicPrefix;
    private final Duration timeout;

    /**
     * @param producer    a producer of strings (the caller owns and closes it)
     * @param topic       the connector's {@code signal.kafka.topic}
     * @param topicPrefix the connector's {@code topic.prefix}
     * @param timeout     how long to wait for the broker's acknowledgement
     */
    public SnapshotSignals(Producer<String, String> producer, String topic, String topicPrefix, Duration timeout) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.topic = requireText("signal topic", topic);
        this.topicPrefix = requireText("topic prefix", topicPrefix);
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * Sends {@code execute-snapshot} (incremental) and waits for the broker's acknowledgement.
     *
     * @param id              the signal's (and the notifications') correlation id
     * @param dataCollections the connector's names of the tables ({@code FREEPDB1.CONSINCO.MAP_PRODUTO})
     * @param filters         data collection -> SQL predicate ({@code additional-conditions}); may be empty
     * @return where the signal was written, {@code topic-partition@offset}
     * @throws SignalException when Kafka did not take it: the re-sync was not requested
     */
    public String executeIncrementalSnapshot(String id, Collection<String> dataCollections, Map<String, String> filters) {
        String value = executeSnapshotJson(id, dataCollections, filters);
        try {
            RecordMetadata sent = producer.send(new ProducerRecord<>(topic, 0, topicPrefix, value))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return sent.topic() + "-" + sent.partition() + "@" + sent.offset();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SignalException("interrupted while sending the " + EXECUTE_SNAPSHOT + " signal to " + topic, e);
        } catch (ExecutionException e) {
            throw new SignalException("Kafka rejected the " + EXECUTE_SNAPSHOT + " signal on " + topic + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new SignalException("Kafka did not acknowledge the " + EXECUTE_SNAPSHOT + " signal on " + topic
                    + " within " + timeout, e);
        }
    }

    /** The signal's JSON, checked: names are {@code [catalog.][schema.]table}, filters name listed collections. */
    public static String executeSnapshotJson(String id, Collection<String> dataCollections, Map<String, String> filters) {
        requireText("signal id", id);
        ObjectNode signal = Json.mapper().createObjectNode();
        signal.put("id", id);
        signal.put("type", EXECUTE_SNAPSHOT);
        signal.set("data", incrementalSnapshotData(dataCollections, filters));
        return Json.mapper().writeValueAsString(signal);
    }

    /**
     * The {@code data} of an incremental {@code execute-snapshot} signal, checked: names are
     * {@code [catalog.][schema.]table}, filters name listed collections. Every channel carries the same
     * data (the Kafka channel inside the signal's JSON, the table channel in its {@code data} column).
     */
    public static ObjectNode incrementalSnapshotData(Collection<String> dataCollections, Map<String, String> filters) {
        List<String> collections = dataCollections == null ? List.of() : List.copyOf(dataCollections);
        if (collections.isEmpty()) {
            throw new IllegalArgumentException("an incremental snapshot needs at least one data collection");
        }
        for (String collection : collections) {
            if (collection == null || !NAME.matcher(collection).matches()) {
                throw new IllegalArgumentException("data collection '" + collection + "' is not a [catalog.][schema.]table name");
            }
        }
        Map<String, String> conditions = filters == null ? Map.of() : filters;
        for (String filtered : conditions.keySet()) {
            if (!collections.contains(filtered)) {
                throw new IllegalArgumentException("filter for '" + filtered + "', which is not among the data collections " + collections);
            }
        }
        ObjectNode data = Json.mapper().createObjectNode();
        ArrayNode names = data.putArray("data-collections");
        collections.forEach(names::add);
        data.put("type", "incremental");
        if (!conditions.isEmpty()) {
            ArrayNode additional = data.putArray("additional-conditions");
            conditions.forEach((collection, filter) -> additional.addObject()
                    .put("data-collection", collection)
                    .put("filter", filter));
        }
        return data;
    }

    private static String requireText(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
        return value;
    }

    /** A signal could not be delivered: the re-sync was not requested. */
    public static final class SignalException extends RuntimeException {
        SignalException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
