package br.com.cdcplusoft.mapper.join;

import br.com.cdcplusoft.core.deadletter.DeadLetterFormat;
import br.com.cdcplusoft.core.envelope.ChangeEvent;
import br.com.cdcplusoft.core.envelope.Op;
import br.com.cdcplusoft.core.json.Json;
import br.com.cdcplusoft.mapper.topology.DeadLetter;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads one base table's Debezium records into what its KTable holds: the normalised row for
 * {@code r}/{@code c}/{@code u}, a delete for {@code d} and for the tombstone that follows it, and a
 * dead letter for a record that cannot be read, so that nothing on a base topic stops the stream.
 * Truncates and other control events are skipped: deletes reach Plusoft row by row.
 */
final class BaseEventReader implements FixedKeyProcessor<JsonNode, byte[], BaseEventReader.Read> {

    private static final Logger log = LoggerFactory.getLogger(BaseEventReader.class);

    /** Debezium's marker of the rows an incremental snapshot (a re-sync) reads. */
    static final String INCREMENTAL_SNAPSHOT = "incremental";

    /** What one record means to the table: exactly one of a row, a delete, a dead letter, or nothing. */
    record Read(BaseRow row, boolean delete, JsonNode deadLetter) {
        static final Read SKIP = new Read(null, false, null);
        static final Read DELETE = new Read(null, true, null);

        boolean changesTable() {
            return row != null || delete;
        }
    }

    private final BaseTable table;
    private FixedKeyProcessorContext<JsonNode, Read> context;

    BaseEventReader(BaseTable table) {
        this.table = table;
    }

    /**
     * Record keys as JSON in the table's canonical form ({@link BaseTable#canonicalKey}: a numeric key
     * written as a string or a decimal becomes the integer key the JDBC extractor and the foreign-key
     * joins use, byte for byte), the JSON as it is when it is not the table's key (the record then
     * becomes a dead letter naming the key), or null when it is not JSON: a dead letter rather than a
     * deserialisation failure that stops the application.
     */
    static Deserializer<JsonNode> lenientKeys(BaseTable table) {
        return (topic, bytes) -> {
            JsonNode key = DeadLetterFormat.readable(bytes);
            JsonNode canonical = key == null ? null : table.canonicalKey(key);
            return canonical == null ? key : canonical;
        };
    }

    @Override
    public void init(FixedKeyProcessorContext<JsonNode, Read> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<JsonNode, byte[]> record) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        if (record.key() == null) {
            deadLetter(record, source, "key is missing or not JSON; " + table.name() + " rows are keyed by "
                    + table.keyColumns() + " as JSON");
            return;
        }
        if (!table.isCanonicalKey(record.key())) {
            deadLetter(record, source, "key is not " + table.name() + "'s primary key " + table.keyColumns()
                    + " with whole-number values (converter with schemas off): joins could not find it");
            return;
        }
        ChangeEvent event;
        try {
            JsonNode value = unwrap(record.value() == null || record.value().length == 0 ? null
                    : Json.mapper().readTree(record.value()));
            event = value == null ? null : Json.mapper().treeToValue(value, ChangeEvent.class);
        } catch (JacksonException | IllegalArgumentException e) {
            deadLetter(record, source, "value is not a readable change event: "
                    + (e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage()));
            return;
        }
        context.forward(record.withValue(read(record, source, event)));
    }

    private Read read(FixedKeyRecord<JsonNode, byte[]> record, RecordMetadata source, ChangeEvent event) {
        if (event == null || event.op() == Op.DELETE) {
            return Read.DELETE;
        }
        if (event.op() == Op.READ || event.op() == Op.CREATE || event.op() == Op.UPDATE) {
            if (event.after() == null) {
                return deadLetterRead(record, source, "op " + event.op().code() + " event has no 'after' row");
            }
            boolean resync = event.source() != null && INCREMENTAL_SNAPSHOT.equals(event.source().snapshot());
            return new Read(new BaseRow(table.normalise(event.after()), source.offset(), resync), false, null);
        }
        if (event.op() == Op.TRUNCATE) {
            log.warn("Table {}: truncate event at {}-{}@{} ignored: deletes reach Plusoft row by row", table.name(),
                    source.topic(), source.partition(), source.offset());
        }
        return Read.SKIP;
    }

    private void deadLetter(FixedKeyRecord<JsonNode, byte[]> record, RecordMetadata source, String reason) {
        context.forward(record.withValue(deadLetterRead(record, source, reason)));
    }

    private Read deadLetterRead(FixedKeyRecord<JsonNode, byte[]> record, RecordMetadata source, String reason) {
        byte[] key = record.key() == null ? null : Json.mapper().writeValueAsBytes(record.key());
        log.warn("Table {}: record at {}-{}@{} sent to the dead-letter topic: {}", table.name(), source.topic(),
                source.partition(), source.offset(), reason);
        return new Read(null, false, DeadLetter.of(table.name(), List.of(), reason, source, key, record.value()));
    }

    /** Debezium's JSON converter with schemas on wraps values as {"schema":..., "payload":...}. */
    private static JsonNode unwrap(JsonNode node) {
        if (node != null && node.isObject() && node.has("schema") && node.has("payload") && node.size() == 2) {
            JsonNode payload = node.get("payload");
            return payload.isNull() ? null : payload;
        }
        return node;
    }
}
