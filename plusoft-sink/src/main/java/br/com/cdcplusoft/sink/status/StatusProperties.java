package br.com.cdcplusoft.sink.status;

import br.com.cdcplusoft.core.status.SinkStatus;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code plusoft.status.*}: the report this sink writes for the gateway's console.
 *
 * @param topic compacted topic, one record per sink process (default {@value SinkStatus#DEFAULT_TOPIC})
 * @param every time between two reports (at least 1s)
 */
@ConfigurationProperties("plusoft.status")
public record StatusProperties(@DefaultValue(SinkStatus.DEFAULT_TOPIC) String topic, @DefaultValue("5s") Duration every) {

    public StatusProperties {
        if (topic == null || !topic.matches("[a-zA-Z0-9._-]+")) {
            throw new IllegalArgumentException("plusoft.status.topic '" + topic + "' is not a legal Kafka topic name");
        }
        if (every == null || every.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("plusoft.status.every must be at least 1s, was " + every);
        }
    }
}
