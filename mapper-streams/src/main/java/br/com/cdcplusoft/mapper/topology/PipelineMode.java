package br.com.cdcplusoft.mapper.topology;

import java.util.Locale;

/**
 * Where the change events of {@code consinco.<entidade>} come from ({@code mapper.mode}, env
 * {@code PIPELINE_MODE}).
 */
public enum PipelineMode {
    /** The JDBC extractor polls the integration views and writes view rows: the mapper only maps. */
    JDBC,
    /**
     * Debezium writes base-table changes to {@code consinco.base.<TABLE>}: the mapper first joins them
     * into view rows ({@link br.com.cdcplusoft.mapper.join.JoinTopology}), then maps them as in JDBC mode.
     */
    DEBEZIUM;

    /** @throws IllegalArgumentException naming the setting and the accepted values */
    public static PipelineMode of(String setting, String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "jdbc" -> JDBC;
            case "debezium" -> DEBEZIUM;
            default -> throw new IllegalArgumentException(setting + " must be jdbc or debezium, was '" + value + "'");
        };
    }
}
