package br.com.cdcplusoft.core.catalog;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One entity as written in configuration ({@code pipeline.entities.<name>.*}); every module binds
 * this shape and turns it into an {@link EntityDefinition} with {@link #toCatalog(Map)}.
 * Unset values take the defaults below.
 */
public record EntitySettings(
        String source,
        List<String> keyColumns,
        String cursorColumn,
        Duration lookBack,
        Integer chunkSize,
        Duration pollInterval,
        Integer partitions,
        Boolean deleteMissing,
        String filter,
        List<String> cursorIndexColumns) {

    public static final int DEFAULT_CHUNK_SIZE = 1000;
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);
    public static final Duration DEFAULT_LOOK_BACK = Duration.ofMinutes(5);
    public static final int DEFAULT_PARTITIONS = 3;

    public EntityDefinition toDefinition(String name) {
        return new EntityDefinition(name, source, keyColumns, cursorColumn,
                lookBack == null ? DEFAULT_LOOK_BACK : lookBack,
                chunkSize == null ? DEFAULT_CHUNK_SIZE : chunkSize,
                pollInterval == null ? DEFAULT_POLL_INTERVAL : pollInterval,
                partitions == null ? DEFAULT_PARTITIONS : partitions,
                deleteMissing == null || deleteMissing,
                filter, cursorIndexColumns);
    }


    public static EntityCatalog toCatalog(Map<String, EntitySettings> entities) {
        if (entities == null || entities.isEmpty()) {
            return EntityCatalog.of(List.of());
        }
        return EntityCatalog.of(entities.entrySet().stream()
                .map(e -> (e.getValue() == null ? new EntitySettings(null, null, null, null, null, null, null, null, null, null)
                        : e.getValue()).toDefinition(e.getKey()))
                .toList());
    }
}
