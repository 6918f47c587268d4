package br.com.cdcplusoft.mapper.config;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * One memory budget for every RocksDB store of this instance (Kafka Streams' "bounded memory"
 * recipe): block cache, index and filter blocks and memtables all count against one shared LRU
 * cache. Without it each store instance (one per store and partition: two per task here) takes its
 * own 50 MB block cache and three 16 MB memtables, so resident memory grows with the partitions
 * and rows an instance holds instead of staying flat.
 *
 * <p>The budget comes from the Streams properties {@link #TOTAL_BYTES} and {@link #MEMTABLE_BYTES}
 * ({@code mapper.rocksdb.*}); the shared objects live as long as the JVM, so they are never closed
 * per store.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

    /** Streams property: total off-heap bytes of block cache plus memtables. */
    public static final String TOTAL_BYTES = "mapper.rocksdb.total-bytes";
    /** Streams property: the part of {@link #TOTAL_BYTES} memtables may take. */
    public static final String MEMTABLE_BYTES = "mapper.rocksdb.memtable-bytes";

    private static final long BLOCK_SIZE = 16 * 1024;
    private static final double HIGH_PRIORITY_POOL_RATIO = 0.1;

    private static Cache cache;
    private static WriteBufferManager writeBufferManager;
    private static long memtableBytes;

    private static synchronized void ensureShared(Map<String, Object> configs) {
        if (cache != null) {
            return;
        }
        long total = bytes(configs, TOTAL_BYTES, 64L << 20);
        memtableBytes = Math.min(total / 2, bytes(configs, MEMTABLE_BYTES, total / 4));
        cache = new LRUCache(total, -1, false, HIGH_PRIORITY_POOL_RATIO);
        writeBufferManager = new WriteBufferManager(memtableBytes, cache);
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        ensureShared(configs);
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(cache);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        table.setBlockSize(BLOCK_SIZE);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(writeBufferManager);
        // each memtable small and few of them: the shared manager flushes when the budget is reached
        options.setWriteBufferSize(Math.max(1L << 20, Math.min(8L << 20, memtableBytes / 4)));
        options.setMaxWriteBufferNumber(2);
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and the write buffer manager are shared by every store: not closed here
    }

    private static long bytes(Map<String, Object> configs, String key, long fallback) {
        Object value = configs.get(key);
        if (value == null) {
            return fallback;
        }
        long bytes = value instanceof Number n ? n.longValue() : Long.parseLong(value.toString().trim());
        if (bytes < (1L << 20)) {
            throw new IllegalArgumentException(key + " must be at least 1MB, was " + bytes + " bytes");
        }
        return bytes;
    }
}
