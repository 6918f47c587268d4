package br.com.cdcplusoft.mapper;

import br.com.cdcplusoft.core.catalog.EntityCatalog;
import br.com.cdcplusoft.core.catalog.EntitySettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/** The shared entity catalog of pipeline-defaults.yml, bound as the application binds it. */
public final class PipelineFixtures {

    private PipelineFixtures() {
    }

    public static EntityCatalog entities() {
        try {
            MutablePropertySources sources = new MutablePropertySources();
            for (PropertySource<?> source : new YamlPropertySourceLoader().load("pipeline-defaults",
                    new ClassPathResource("pipeline-defaults.yml"))) {
                sources.addLast(source);
            }
            Map<String, EntitySettings> entities = new Binder(ConfigurationPropertySources.from(sources))
                    .bind("pipeline.entities", Bindable.mapOf(String.class, EntitySettings.class)).get();
            return EntitySettings.toCatalog(entities);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
