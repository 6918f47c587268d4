package br.com.cdcplusoft.gateway.config;

import br.com.cdcplusoft.source.SnapshotConfiguration;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * What every feature shares: the settings, the clock (in the nightly zone; tests replace it), a
 * small task scheduler on that clock, and the extractor's snapshot code (entity and topic
 * catalogs from {@code pipeline.*}, source reader validated against the database at start,
 * change publisher, snapshot service) that re-syncs run with.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GatewayProperties.class)
@Import(SnapshotConfiguration.class)
public class GatewayConfiguration {

    @Bean
    Clock clock(GatewayProperties properties) {
        return Clock.system(properties.nightly().zoneId());
    }

    @Bean
    ThreadPoolTaskScheduler gatewayTaskScheduler(Clock clock) {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(2);
        scheduler.setThreadNamePrefix("gateway-");
        scheduler.setClock(clock);
        scheduler.setRemoveOnCancelPolicy(true);
        return scheduler;
    }
}
