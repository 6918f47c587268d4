package br.com.cdcplusoft.mapping;

import br.com.cdcplusoft.core.catalog.EntityCatalog;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The mapping specs and the preview as Spring beans, for the mapper and for any module that
 * {@code @Import}s this class (the gateway). Reads, from the environment:
 * <ul>
 *   <li>the shared {@link EntityCatalog} (pipeline-boot binds {@code pipeline.entities.*});</li>
 *   <li>{@code mapper.specs-dir}: optional folder whose {@code <entidade>.yml|.yaml|.json} replace the built-in specs;</li>
 *   <li>the source views' columns from a {@link DataSource} bean when the context has one, else from
 *       {@code spring.datasource.url/username/password} or {@code CONSINCO_DB_URL/_USER/_PASSWORD} when
 *       set and reachable, else the specs' declared columns.</li>
 * </ul>
 * Start-up fails with {@link InvalidMappingException} when a spec is invalid.
 */
@Configuration(proxyBeanMethods = false)
public final class MappingConfiguration {

    public static final String SPECS_DIR = "mapper.specs-dir";

    @Bean
    MappingSpecs mappingSpecs(EntityCatalog entities, Environment environment, ObjectProvider<DataSource> dataSource) {
        String dir = environment.getProperty(SPECS_DIR, "").strip();
        return MappingSpecs.load(entities, dir.isEmpty() ? null : Path.of(dir),
                sourceColumns(environment, dataSource.getIfAvailable()));
    }

    @Bean
    MappingPreview mappingPreview(MappingSpecs specs) {
        return MappingPreview.fromSpecs(specs);
    }

    /**
     * The Spring datasource settings when present (the embedded demo database's, or the gateway's),
     * else the environment contract's {@code CONSINCO_DB_URL/_USER/_PASSWORD}.
     */
    private static SourceColumns sourceColumns(Environment environment, DataSource dataSource) {
        if (dataSource != null) {
            return SourceColumns.of(dataSource);
        }
        String url = setting(environment, "spring.datasource.url", "CONSINCO_DB_URL");
        if (url == null) {
            return SourceColumns.none();
        }
        return SourceColumns.of(url, setting(environment, "spring.datasource.username", "CONSINCO_DB_USER"),
                setting(environment, "spring.datasource.password", "CONSINCO_DB_PASSWORD"));
    }

    private static String setting(Environment environment, String property, String variable) {
        String value = environment.getProperty(property, "").strip();
        if (value.isEmpty()) {
            value = environment.getProperty(variable, "").strip();
        }
        return value.isEmpty() ? null : value;
    }
}
