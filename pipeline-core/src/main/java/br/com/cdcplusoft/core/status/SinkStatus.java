package br.com.cdcplusoft.core.status;

import br.com.cdcplusoft.core.catalog.Topic;
import br.com.cdcplusoft.core.json.JsonSerdes;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;

/**
 * What one sink process reports about itself, every few seconds, on the compacted status topic
 * (default {@value #DEFAULT_TOPIC}; key = {@link #instance()}, value = this record as JSON). The
 * services run as separate processes, so the gateway's console learns the sink's delivered counts
 * and circuit breaker from here rather than from the sink's beans.
 *
 * <p>Counts are cumulative since the process started and the instance id is new at every start, so
 * the topic keeps one record per sink process that ever ran: the sum over every key is what all
 * of them delivered. Holds no personal data.
 *
 * @param instance unique per process start (host + random suffix)
 * @param at       when the process wrote this report
 * @param every    seconds between two reports: a report older than a few of them comes from a stopped process
 * @param circuit  the Plusoft circuit breaker's state (Resilience4j names: CLOSED, OPEN, HALF_OPEN, ...)
 * @param entities per entity, what this process delivered
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SinkStatus(String instance, Instant at, long every, String circuit, Map<String, Entity> entities) {

    public static final String DEFAULT_TOPIC = "pipeline.sink-status";

    public SinkStatus {
        entities = entities == null ? Map.of() : Map.copyOf(entities);
    }

    /**
     * @param delivered      records Plusoft accepted
     * @param deadLettered   records written to the payload dead-letter topic
     * @param lastDeliveryAt when Plusoft last accepted a record of the entity, or null
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Entity(long delivered, long deadLettered, Instant lastDeliveryAt) {
    }

    /** The status topic: key = instance id (string), value = this record as JSON. */
    public static Topic<String, SinkStatus> topic(String name) {
        return new Topic<>(name, Serdes.String(), JsonSerdes.of(SinkStatus.class));
    }
}
