package br.com.cdcplusoft.sink.config;

import br.com.cdcplusoft.core.catalog.EntityCatalog;
import br.com.cdcplusoft.core.catalog.TopicCatalog;
import java.util.List;

/**
 * The sink's configuration checked across both groups: every configured route names a known entity.
 * What the rest of the module receives instead of the two raw records.
 */
public record SinkSettings(SinkProperties plusoft, EntityCatalog catalog, TopicCatalog topics) {

    public static SinkSettings of(SinkProperties plusoft, EntityCatalog catalog, TopicCatalog topics) {
        for (String name : plusoft.entities().keySet()) {
            if (catalog.find(name).isEmpty()) {
                throw new IllegalArgumentException("plusoft.entities." + name + " does not name an entity of pipeline.entities ("
                        + String.join(", ", catalog.names()) + ")");
            }
        }
        return new SinkSettings(plusoft, catalog, topics);
    }

    public List<String> entityNames() {
        return catalog.names();
    }

    public List<String> inputTopics() {
        return catalog.names().stream().map(e -> topics.payloads(e).name()).toList();
    }
}
