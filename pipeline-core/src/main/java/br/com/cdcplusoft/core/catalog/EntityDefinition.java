package br.com.cdcplusoft.core.catalog;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One Consinco entity as the pipeline sees it: where its rows come from and how they are read.
 *
 * <p>Column names are Oracle's upper-case names, exactly as the source view exposes them. Values
 * are validated here, once, so every module fails at start-up with a message that names the
 * entity and the setting rather than deep inside a poll loop.
 *
 * @param name              route and topic suffix, e.g. {@code produtos}
 * @param source            view (or table) the JDBC extractor reads, e.g. {@code VW_PLUSOFT_PRODUTO}
 * @param keyColumns        primary key columns, in key order
 * @param cursorColumn      change-cursor column (a DATE), or null to re-read the whole source each poll
 * @param lookBack          how far behind the stored cursor each poll re-reads, for rows committed late
 * @param chunkSize         rows per keyset chunk (snapshots) and per poll query
 * @param pollInterval      time between incremental polls
 * @param partitions        partitions of this entity's topics
 * @param deleteMissing     whether a completed snapshot deletes keys it did not see
 * @param filter            optional SQL predicate on the source's columns, e.g. {@code CODGERALOPER IN (37, 48)}
 * @param cursorIndexColumns columns whose greatest value is the cursor column (a null counts as the lowest),
 *                          each indexed at the source: when the cursor is computed, as
 *                          {@code GREATEST(DTAHOREMISSAO, COALESCE(DTACANCELAMENTO, ...))} is for vendas,
 *                          a poll reads each of them through its index (one UNION ALL branch per column)
 *                          instead of computing the cursor for every row of the view; empty = poll the
 *                          cursor column itself
 */
public record EntityDefinition(
        String name,
        String source,
        List<String> keyColumns,
        String cursorColumn,
        Duration lookBack,
        int chunkSize,
        Duration pollInterval,
        int partitions,
        boolean deleteMissing,
        String filter,
        List<String> cursorIndexColumns) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]*");
    private static final Pattern SQL_IDENTIFIER = Pattern.compile("[A-Za-z][A-Za-z0-9_$#]*(\\.[A-Za-z][A-Za-z0-9_$#]*)?");

    public EntityDefinition {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("entity name '" + name + "' must be lower case letters, digits, '_' or '-'");
        }
        source = identifier(name, "source", source);
        if (keyColumns == null || keyColumns.isEmpty()) {
            throw new IllegalArgumentException("entity '" + name + "': key-columns must name at least one column");
        }
        keyColumns = keyColumns.stream().map(c -> identifier(name, "key-columns", c)).toList();
        if (keyColumns.stream().distinct().count() != keyColumns.size()) {
            throw new IllegalArgumentException("entity '" + name + "': key-columns " + keyColumns + " repeat a column");
        }
        cursorColumn = cursorColumn == null || cursorColumn.isBlank() ? null : identifier(name, "cursor-column", cursorColumn);
        lookBack = lookBack == null ? Duration.ZERO : lookBack;
        if (lookBack.isNegative()) {
            throw new IllegalArgumentException("entity '" + name + "': look-back must not be negative, was " + lookBack);
        }
        if (chunkSize < 1 || chunkSize > 50_000) {
            throw new IllegalArgumentException("entity '" + name + "': chunk-size must be between 1 and 50000, was " + chunkSize);
        }
        Objects.requireNonNull(pollInterval, () -> "entity '" + name + "': poll-interval is required");
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("entity '" + name + "': poll-interval must be positive, was " + pollInterval);
        }
        filter = filter == null || filter.isBlank() ? null : filter.trim();
        if (filter != null && filter.contains(";")) {
            throw new IllegalArgumentException("entity '" + name + "': filter must be a single predicate, without ';'");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("entity '" + name + "': partitions must be at least 1, was " + partitions);
        }
        cursorIndexColumns = cursorIndexColumns == null ? List.of()
                : cursorIndexColumns.stream().map(c -> identifier(name, "cursor-index-columns", c)).distinct().toList();
        if (!cursorIndexColumns.isEmpty() && cursorColumn == null) {
            throw new IllegalArgumentException("entity '" + name + "': cursor-index-columns " + cursorIndexColumns
                    + " need a cursor-column (the greatest of them)");
        }
    }

    /** An entity whose polls read its cursor column itself. */
    public EntityDefinition(String name, String source, List<String> keyColumns, String cursorColumn, Duration lookBack,
                            int chunkSize, Duration pollInterval, int partitions, boolean deleteMissing, String filter) {
        this(name, source, keyColumns, cursorColumn, lookBack, chunkSize, pollInterval, partitions, deleteMissing, filter, List.of());
    }

    private static String identifier(String entity, String setting, String value) {
        if (value == null || !SQL_IDENTIFIER.matcher(value.trim()).matches()) {
            throw new IllegalArgumentException("entity '" + entity + "': " + setting + " '" + value + "' is not a SQL identifier");
        }
        return value.trim().toUpperCase(Locale.ROOT);
    }

    public boolean hasCursor() {
        return cursorColumn != null;
    }
}
