package br.com.cdcplusoft.boot;

import br.com.cdcplusoft.core.catalog.EntityCatalog;
import br.com.cdcplusoft.core.catalog.TopicCatalog;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;

/** The entity and topic catalogs as beans, bound once from {@code pipeline.*} for every service. */
@AutoConfiguration
@EnableConfigurationProperties(PipelineProperties.class)
public class PipelineAutoConfiguration {

    /** Lazy: a context that never injects the catalog (a slice, a tool) does not need entities configured. */
    @Bean
    @Lazy
    @ConditionalOnMissingBean
    EntityCatalog entityCatalog(PipelineProperties pipeline) {
        return pipeline.catalog();
    }

    @Bean
    @ConditionalOnMissingBean
    TopicCatalog topicCatalog(PipelineProperties pipeline) {
        return pipeline.topics();
    }
}
