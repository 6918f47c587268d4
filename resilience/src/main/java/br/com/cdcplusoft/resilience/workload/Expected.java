package br.com.cdcplusoft.resilience.workload;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The latest version (sequence number) of every row the workload committed. */
public final class Expected {

    private final Map<Entity, Map<Long, Long>> latest = new EnumMap<>(Entity.class);

    public Expected() {
        for (Entity e : Entity.values()) {
            latest.put(e, new ConcurrentHashMap<>());
        }
    }

    void committed(Entity entity, long row, long seq) {
        latest.get(entity).merge(row, seq, Math::max);
    }

    /** Row number -> latest sequence, for one entity. */
    public Map<Long, Long> of(Entity entity) {
        return Map.copyOf(latest.get(entity));
    }

    public int rows() {
        return latest.values().stream().mapToInt(Map::size).sum();
    }
}
