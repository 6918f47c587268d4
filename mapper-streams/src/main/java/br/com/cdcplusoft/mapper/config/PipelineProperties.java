package br.com.cdcplusoft.mapper.config;

import br.com.cdcplusoft.core.catalog.EntityCatalog;
import br.com.cdcplusoft.core.catalog.EntitySettings;
import br.com.cdcplusoft.core.catalog.TopicCatalog;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The shared catalog ({@code pipeline.*} from pipeline-defaults.yml), as this module binds it. */
@ConfigurationProperties("pipeline")
record PipelineProperties(Map<String, EntitySettings> entities, TopicCatalog topics) {

    EntityCatalog catalog() {
        return EntitySettings.toCatalog(entities);
    }

    TopicCatalog topicCatalog() {
        return topics == null ? TopicCatalog.defaults() : topics;
    }
}
