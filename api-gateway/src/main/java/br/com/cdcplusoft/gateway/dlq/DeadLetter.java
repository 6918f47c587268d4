package br.com.cdcplusoft.gateway.dlq;

import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.header.Header;
import tools.jackson.databind.JsonNode;

/**
 * One record of a dead-letter topic, read into what the routes show and what a re-drive needs.
 *
 * @param stage          who dead-lettered it
 * @param partition      partition of the dead-letter topic
 * @param offset         offset in that partition
 * @param reason         the reason as the stage wrote it (mapper: the field problem; sink: REJECTED, TOO_LARGE, ...)
 * @param field          the Plusoft field at fault (mapper), or null
 * @param status         Plusoft's HTTP status (sink), or null
 * @param detail         Plusoft's answer, personal data scrubbed (sink), or null
 * @param origin         where the record was read before it failed
 * @param key            the record key as JSON (unmasked; the routes mask it), or null
 * @param redriveKey     key bytes to re-publish, or null
 * @param redriveValue   value bytes to re-publish (null: a tombstone), meaningful only when {@code redrivable}
 * @param redrivable     false when the original could not be read (nothing useful to re-publish)
 * @param headers        the original record's headers to carry on a re-drive
 */
record DeadLetter(Stage stage, int partition, long offset, Instant timestamp, String reason, String field, Integer status,
                  String detail, Origin origin, JsonNode key, byte[] redriveKey, byte[] redriveValue, boolean redrivable,
                  List<Header> headers) {

    /** The stage that wrote the dead letter, and so the topic a re-drive publishes to. */
    enum Stage {
        /** consinco.&lt;e&gt;.dlq: re-driven to consinco.&lt;e&gt; (the original change event). */
        MAPPER,
        /** plusoft.&lt;e&gt;.dlq: re-driven to plusoft.&lt;e&gt; (the original payload). */
        SINK
    }

    /** Topic, partition and offset of the record that failed; null parts when the dead letter does not say. */
    record Origin(String topic, Integer partition, Long offset) {
    }
}
