package br.com.cdcplusoft.mapper.config;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the topology for as long as the Spring context lives. Mapping and reading failures never
 * get here (they are dead letters); anything that does is a defect or an unrecoverable Kafka
 * error, so the client shuts down (health DOWN) rather than retrying forever.
 */
final class MapperStreams implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MapperStreams.class);

    private final Topology topology;
    private final Properties properties;
    private final Duration shutdownTimeout;
    private volatile KafkaStreams streams;

    MapperStreams(Topology topology, Properties properties, Duration shutdownTimeout) {
        this.topology = topology;
        this.properties = properties;
        this.shutdownTimeout = shutdownTimeout;
    }

    @Override
    public synchronized void start() {
        if (streams != null) {
            return;
        }
        KafkaStreams created = new KafkaStreams(topology, properties);
        created.setUncaughtExceptionHandler(e -> {
            log.error("Mapper stream thread failed; shutting the Kafka Streams client down", e);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        created.setStateListener((now, before) -> log.info("Mapper streams {} -> {}", before, now));
        created.start();
        streams = created;
    }

    @Override
    public synchronized void stop() {
        if (streams != null) {
            streams.close(shutdownTimeout);
            streams = null;
        }
    }

    @Override
    public boolean isRunning() {
        return streams != null;
    }

    /** The client's state, or null before start. */
    KafkaStreams.State state() {
        KafkaStreams s = streams;
        return s == null ? null : s.state();
    }
}
