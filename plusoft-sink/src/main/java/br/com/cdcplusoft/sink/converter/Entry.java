package br.com.cdcplusoft.sink.converter;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One consumed record and what it becomes on the wire.
 *
 * @param index   position in the polled list (the error handler commits and seeks by it)
 * @param record  the record as consumed, kept whole for the dead-letter topic
 * @param kind    what to do with it
 * @param body    JSON object to put in a request body (payload, identity + inactive flag, or identity to delete); null for SKIP/INVALID
 * @param problem why an INVALID record cannot be sent (no payload data in it)
 */
public record Entry(int index, ConsumerRecord<byte[], byte[]> record, Kind kind, byte[] body, String problem) {

    public enum Kind {
        /** the body goes to the entity's path. */
        UPSERT,
        /** the body (an identity) goes to the entity's delete path. */
        DELETE,
        /** a tombstone the entity is configured to skip. */
        SKIP,
        /** not a JSON object (or a tombstone whose key is not): dead-lettered without a request. */
        INVALID
    }

    public int bodySize() {
        return body == null ? 0 : body.length;
    }

    /** Coordinates for logs: topic-partition@offset, never the payload. */
    public String coordinates() {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
