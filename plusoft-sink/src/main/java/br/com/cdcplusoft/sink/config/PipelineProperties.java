package br.com.cdcplusoft.sink.config;

import br.com.cdcplusoft.core.catalog.EntityCatalog;
import br.com.cdcplusoft.core.catalog.EntitySettings;
import br.com.cdcplusoft.core.catalog.TopicCatalog;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The shared catalog ({@code pipeline.*} from pipeline-defaults.yml): which entities exist and how topics are named. */
@ConfigurationProperties("pipeline")
public record PipelineProperties(Map<String, EntitySettings> entities, TopicCatalog topics) {

    public PipelineProperties {
        // declaration order is the catalog's order
        entities = entities == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(entities));
        topics = topics == null ? TopicCatalog.defaults() : topics;
    }

    public EntityCatalog catalog() {
        return EntitySettings.toCatalog(entities);
    }
}
