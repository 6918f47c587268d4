package br.com.cdcplusoft.extractor.config;

import br.com.cdcplusoft.core.catalog.EntityCatalog;
import br.com.cdcplusoft.core.catalog.EntitySettings;
import br.com.cdcplusoft.core.catalog.TopicCatalog;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The shared {@code pipeline.*} settings (pipeline-defaults.yml) as the extractor binds them. */
@ConfigurationProperties("pipeline")
public record PipelineProperties(Map<String, EntitySettings> entities, TopicCatalog topics) {

    public EntityCatalog catalog() {
        return EntitySettings.toCatalog(entities);
    }

    public TopicCatalog topicCatalog() {
        return topics == null ? TopicCatalog.defaults() : topics;
    }
}
