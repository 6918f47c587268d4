package br.com.cdcplusoft.gateway.nightly;

import br.com.cdcplusoft.core.catalog.EntityCatalog;
import br.com.cdcplusoft.gateway.config.GatewayProperties;
import br.com.cdcplusoft.gateway.runs.RunLogWriter;
import br.com.cdcplusoft.gateway.runs.RunTracker;
import br.com.cdcplusoft.gateway.sync.ResyncService;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.scheduling.TaskScheduler;

/**
 * The nightly trigger ({@code gateway.nightly.*}): cron, zone, entities, and the Kafka claim topic
 * that makes one replica run each slot. {@code gateway.nightly.enabled=false} leaves the schedule
 * out of this instance.
 */
@Configuration(proxyBeanMethods = false)
class NightlyConfiguration {

    @Bean
    KafkaAdmin.NewTopics nightlyLockTopic(GatewayProperties properties) {
        return new KafkaAdmin.NewTopics(new NewTopic(properties.nightly().lockTopic(), Optional.of(1), Optional.empty())
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                        TopicConfig.RETENTION_MS_CONFIG, Long.toString(7L * 24 * 3600 * 1000))));
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "gateway.nightly.enabled", matchIfMissing = true)
    NightlyScheduler nightlyScheduler(GatewayProperties properties, EntityCatalog catalog, KafkaProperties kafka, Clock clock,
                                      TaskScheduler gatewayTaskScheduler, ResyncService resyncs, RunTracker tracker,
                                      RunLogWriter runLogs, MeterRegistry meters) {
        GatewayProperties.Nightly nightly = properties.nightly();
        KafkaNightlyLock lock = new KafkaNightlyLock(kafka.buildProducerProperties(), kafka.buildConsumerProperties(),
                nightly.lockTopic(), replicaId(), nightly.lockTimeout());
        NightlyRun run = new NightlyRun(entities(nightly.entities(), catalog), nightly.forced(), resyncs, tracker, runLogs,
                nightly.followFor());
        return new NightlyScheduler(nightly.cronExpression(), nightly.zoneId(), clock, gatewayTaskScheduler, lock, run::run, meters);
    }

    /** The configured entities, checked against the catalog; none configured means all, in catalog order. */
    static List<String> entities(List<String> configured, EntityCatalog catalog) {
        if (configured.isEmpty()) {
            return catalog.names();
        }
        for (String entity : configured) {
            if (catalog.find(entity).isEmpty()) {
                throw new IllegalArgumentException("gateway.nightly.entities: unknown entity '" + entity + "'; known entities: "
                        + String.join(", ", catalog.names()));
            }
        }
        return configured;
    }

    private static String replicaId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "gateway";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
