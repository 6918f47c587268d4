package br.com.cdcplusoft.sink.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What the sink does with a tombstone (null value = the source row was deleted). */
public enum TombstoneAction {
    /** Nothing is sent; the record counts as handled. */
    SKIP,
    /** The identity (record key) plus {@code inactive-field: inactive-value} is sent like any payload. */
    INACTIVE,
    /** The identity is sent to {@code delete-path} with {@code delete-method}, batched like payloads. */
    DELETE;

    public String setting() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TombstoneAction parse(String value) {
        String normalized = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(a -> a.name().equals(normalized)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("tombstone-action '" + value + "' is not one of "
                        + Arrays.stream(values()).map(TombstoneAction::setting).collect(Collectors.joining(", "))));
    }
}
