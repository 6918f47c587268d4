package br.com.cdcplusoft.extractor.debezium;

import br.com.cdcplusoft.core.json.Json;
import br.com.cdcplusoft.core.signal.SnapshotSignals;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends Debezium signals to a running connector (Kafka Connect or the embedded engine): the
 * re-sync of an entity in Debezium mode is an incremental snapshot of its tables, requested with
 * {@code execute-snapshot} instead of a read of its view.
 *
 * <p>Two channels, as the connector enables them ({@code signal.enabled.channels}):
 * <ul>
 *   <li>{@link #viaKafka}: a record on partition 0 of the signal topic ({@code signal.kafka.topic}, the only
 *       partition the connector reads) whose
 *       key is the connector's {@code topic.prefix} and whose value is
 *       {@code {"type":"execute-snapshot","data":{"data-collections":[...],"type":"incremental"}}}.
 *       Nothing is written to the source database by the caller.</li>
 *   <li>{@link #viaTable}: a row in the signal table ({@code signal.data.collection}, columns
 *       {@code id, type, data}), read by the connector from the database log.</li>
 * </ul>
 * Data-collection names are the connector's: {@code FREEPDB1.CONSINCO.MAP_PRODUTO} for Oracle
 * (PDB.schema.table), {@code public.map_produto} for PostgreSQL (schema.table).
 * Instances are immutable and thread-safe when the producer or data source is.
 */
public final class DebeziumSignals {

    public static final String EXECUTE_SNAPSHOT = "execute-snapshot";

    private static final Pattern SQL_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$#]*(\\.[A-Za-z_][A-Za-z0-9_$#]*){0,2}");

    private final Channel channel;

    private DebeziumSignals(Channel channel) {
        this.channel = channel;
    }

    /**
     * @param producer    a producer writing strings (the caller owns and closes it)
     * @param signalTopic the connector's {@code signal.kafka.topic}
     * @param topicPrefix the connector's {@code topic.prefix}: the connector ignores records keyed otherwise
     * @param timeout     how long to wait for the broker's acknowledgement
     */
    public static DebeziumSignals viaKafka(Producer<String, String> producer, String signalTopic, String topicPrefix,
                                           Duration timeout) {
        Objects.requireNonNull(producer, "producer");
        requireText("signal topic", signalTopic);
        requireText("topic prefix", topicPrefix);
        Objects.requireNonNull(timeout, "timeout");
        return new DebeziumSignals((id, type, data) -> {
            try {
                RecordMetadata sent = producer.send(new ProducerRecord<>(signalTopic, 0, topicPrefix, signalJson(type, data)))
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                return sent.topic() + "-" + sent.partition() + "@" + sent.offset();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SignalException("interrupted while sending the " + type + " signal to " + signalTopic, e);
            } catch (ExecutionException e) {
                throw new SignalException("Kafka rejected the " + type + " signal on " + signalTopic + ": "
                        + e.getCause().getMessage(), e.getCause());
            } catch (TimeoutException e) {
                throw new SignalException("Kafka did not acknowledge the " + type + " signal on " + signalTopic
                        + " within " + timeout, e);
            }
        });
    }

    /**
     * @param dataSource  a connection to the captured database, allowed to insert into the signal table
     * @param signalTable the table as SQL names it ({@code DEBEZIUM.DEBEZIUM_SIGNAL}); the connector's
     *                    {@code signal.data.collection} names the same table
     */
    public static DebeziumSignals viaTable(DataSource dataSource, String signalTable) {
        Objects.requireNonNull(dataSource, "dataSource");
        if (signalTable == null || !SQL_NAME.matcher(signalTable).matches()) {
            throw new IllegalArgumentException("signal table '" + signalTable + "' is not a [schema.]table name");
        }
        String sql = "INSERT INTO " + signalTable + " (id, type, data) VALUES (?, ?, ?)";
        return new DebeziumSignals((id, type, data) -> {
            try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(sql)) {
                insert.setString(1, id);
                insert.setString(2, type);
                insert.setString(3, Json.mapper().writeValueAsString(data));
                insert.executeUpdate();
                if (!c.getAutoCommit()) {
                    c.commit();
                }
                return id;
            } catch (SQLException e) {
                throw new SignalException("cannot insert the " + type + " signal into " + signalTable + ": " + e.getMessage(), e);
            }
        });
    }

    /**
     * Asks for an incremental snapshot of whole tables.
     *
     * @return the signal's id (table channel) or its topic-partition@offset (Kafka channel)
     */
    public String executeIncrementalSnapshot(Collection<String> dataCollections) {
        return executeIncrementalSnapshot(dataCollections, Map.of());
    }

    /**
     * Asks for an incremental snapshot, reading only the rows of a table that match its condition
     * (Debezium's {@code additional-conditions}, e.g. {@code DTAMOVIMENTO >= DATE '2025-07-01'} for
     * a bounded re-sync of sales).
     *
     * @param filters data collection -> SQL predicate on its columns; collections without one are read whole
     */
    public String executeIncrementalSnapshot(Collection<String> dataCollections, Map<String, String> filters) {
        ObjectNode data = SnapshotSignals.incrementalSnapshotData(dataCollections, filters);
        return channel.send(UUID.randomUUID().toString(), EXECUTE_SNAPSHOT, data);
    }

    private static String signalJson(String type, ObjectNode data) {
        ObjectNode signal = Json.mapper().createObjectNode();
        signal.put("type", type);
        signal.set("data", data);
        return Json.mapper().writeValueAsString(signal);
    }

    private static void requireText(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
    }

    @FunctionalInterface
    private interface Channel {
        String send(String id, String type, ObjectNode data);
    }

    /** A signal could not be delivered: the re-sync was not requested. */
    public static final class SignalException extends RuntimeException {
        SignalException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
