package br.com.cdcplusoft.core.catalog;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The entities this pipeline moves, in declaration order; immutable. */
public final class EntityCatalog {

    private final Map<String, EntityDefinition> byName;

    private EntityCatalog(Map<String, EntityDefinition> byName) {
        this.byName = byName;
    }

    public static EntityCatalog of(Collection<EntityDefinition> entities) {
        if (entities == null || entities.isEmpty()) {
            throw new IllegalArgumentException("the entity catalog is empty: configure at least one entity under pipeline.entities");
        }
        Map<String, EntityDefinition> map = new LinkedHashMap<>();
        for (EntityDefinition e : entities) {
            if (map.putIfAbsent(e.name(), e) != null) {
                throw new IllegalArgumentException("entity '" + e.name() + "' is declared twice");
            }
        }
        return new EntityCatalog(Collections.unmodifiableMap(map));
    }

    public List<EntityDefinition> all() {
        return List.copyOf(byName.values());
    }

    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    public Optional<EntityDefinition> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** @throws UnknownEntityException naming the entity and the known ones */
    public EntityDefinition get(String name) {
        return find(name).orElseThrow(() -> new UnknownEntityException(name, names()));
    }

    public static final class UnknownEntityException extends IllegalArgumentException {
        private final String entity;

        public UnknownEntityException(String entity, List<String> known) {
            super("unknown entity '" + entity + "'; known entities: " + String.join(", ", known));
            this.entity = entity;
        }

        public String entity() {
            return entity;
        }
    }
}
