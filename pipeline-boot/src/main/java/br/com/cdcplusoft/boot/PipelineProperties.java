package br.com.cdcplusoft.boot;

import br.com.cdcplusoft.core.catalog.EntityCatalog;
import br.com.cdcplusoft.core.catalog.EntitySettings;
import br.com.cdcplusoft.core.catalog.TopicCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * The shared {@code pipeline.*} settings (pipeline-defaults.yml, overridable per key): which entities
 * exist, how topics are named, and this process's identity in the consumer groups. The one binding
 * every service uses, through the {@link EntityCatalog} and {@link TopicCatalog} beans of
 * {@link PipelineAutoConfiguration}.
 *
 * @param instanceId {@code pipeline.instance-id} ({@code PIPELINE_INSTANCE_ID}): the stable name of this
 *                   process in its consumer groups (static membership, see {@link GroupMembership}), or
 *                   null for dynamic membership
 */
@ConfigurationProperties("pipeline")
public record PipelineProperties(Map<String, EntitySettings> entities, TopicCatalog topics, String instanceId) {

    private static final Pattern INSTANCE_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");


    /** Where the shared defaults live (pipeline-core); every service's yml imports it. */
    public static final String DEFAULTS_FILE = "pipeline-defaults.yml";

    public PipelineProperties {
        // declaration order is the catalog's order
        entities = entities == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(entities));
        topics = topics == null ? TopicCatalog.defaults() : topics;
        instanceId = instanceId == null || instanceId.isBlank() ? null : instanceId.strip();
        if (instanceId != null && !INSTANCE_ID.matcher(instanceId).matches()) {
            // it becomes part of group.instance.id, client ids and log lines
            throw new IllegalArgumentException("pipeline.instance-id (PIPELINE_INSTANCE_ID) must be 1 to 100 letters, digits,"
                    + " '.', '_' or '-', was '" + instanceId + "'");
        }
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
            // placeholders resolve against the file alone (${PIPELINE_INSTANCE_ID:} is unset here)
            return new Binder(ConfigurationPropertySources.from(sources), new PropertySourcesPlaceholdersResolver(sources))
                    .bind("pipeline", PipelineProperties.class)
                    .orElseThrow(() -> new IllegalStateException(DEFAULTS_FILE + " has no pipeline settings"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DEFAULTS_FILE, e);
        }
    }
}
