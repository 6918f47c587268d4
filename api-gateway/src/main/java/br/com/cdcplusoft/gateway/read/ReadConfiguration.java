package br.com.cdcplusoft.gateway.read;

import br.com.cdcplusoft.mapping.MappingConfiguration;
import br.com.cdcplusoft.mapping.MappingPreview;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The read routes' collaborators: the page reader on the Consinco data source and the mapper's
 * preview ({@link MappingConfiguration} loads the same specs the stream uses, checked against the
 * views' columns at start).
 */
@Configuration(proxyBeanMethods = false)
@Import(MappingConfiguration.class)
class ReadConfiguration {

    @Bean
    ViewPageReader viewPageReader(DataSource dataSource) {
        return new ViewPageReader(dataSource);
    }

    @Bean
    PayloadPreview payloadPreview(MappingPreview mappingPreview) {
        return new MapperPayloadPreview(mappingPreview);
    }
}
