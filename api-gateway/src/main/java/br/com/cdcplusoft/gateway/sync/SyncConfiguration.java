package br.com.cdcplusoft.gateway.sync;

import br.com.cdcplusoft.core.catalog.EntityCatalog;
import br.com.cdcplusoft.source.snapshot.SnapshotService;
import br.com.cdcplusoft.gateway.runs.RunLogWriter;
import br.com.cdcplusoft.gateway.runs.RunTracker;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SyncConfiguration {

    @Bean
    ResyncService resyncService(EntityCatalog catalog, SnapshotService snapshots, RunTracker tracker, RunLogWriter runLogs,
                                MeterRegistry meters) {
        return new ResyncService(catalog, snapshots, tracker, runLogs, meters);
    }
}
