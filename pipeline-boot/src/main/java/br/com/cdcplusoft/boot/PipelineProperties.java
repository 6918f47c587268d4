package br.com.cdcplusoft.boot;

import br.com.cdcplusoft.core.catalog.EntityCatalog;
import br.com.cdcplusoft.core.catalog.EntitySettings;
import br.com.cdcplusoft.core.catalog.TopicCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * The shared {@code pipeline.*} settings (pipeline-defaults.yml, overridable per key): which entities
 * exist and how topics are named. The one binding every service uses, through the
 * {@link EntityCatalog} and {@link TopicCatalog} beans of {@link PipelineAutoConfiguration}.
 */
@ConfigurationProperties("pipeline")
public record PipelineProperties(Map<String, EntitySettings> entities, TopicCatalog topics) {

    /** Where the shared defaults live (pipeline-core); every service's yml imports it. */
    public static final String DEFAULTS_FILE = "pipeline-defaults.yml";

    public PipelineProperties {
        // declaration order is the catalog's order
        entities = entities == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(entities));
        topics = topics == null ? TopicCatalog.defaults() : topics;
    }

    public EntityCatalog catalog() {
        return EntitySettings.toCatalog(entities);
    }

    /**
     * The shipped defaults ({@code pipeline-defaults.yml} on the class path) bound exactly as a service
     * binds them, for tools and tests that run without a Spring context.
     */
    public static PipelineProperties defaults() {
        try {
            MutablePropertySources sources = new MutablePropertySources();
            for (PropertySource<?> source : new YamlPropertySourceLoader().load(DEFAULTS_FILE, new ClassPathResource(DEFAULTS_FILE))) {
                sources.addLast(source);
            }
            return new Binder(ConfigurationPropertySources.from(sources)).bind("pipeline", PipelineProperties.class)
                    .orElseThrow(() -> new IllegalStateException(DEFAULTS_FILE + " has no pipeline settings"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DEFAULTS_FILE, e);
        }
    }
}
