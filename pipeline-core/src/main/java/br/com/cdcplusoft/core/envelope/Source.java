package br.com.cdcplusoft.core.envelope;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code source} block of the envelope. Debezium fills {@code connector}, {@code db},
 * {@code schema}, {@code table}, {@code snapshot} and more (ignored here); the JDBC extractor also
 * sets the entity, the cursor value it read the row at, and for snapshot runs the run id and the
 * force marker.
 *
 * @param snapshot Debezium's values: {@code "true"}, {@code "last"}, {@code "incremental"}, {@code "false"}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Source(
        String version,
        String connector,
        String name,
        @JsonProperty("ts_ms") Long tsMs,
        String snapshot,
        String db,
        String schema,
        String table,
        String entity,
        String cursor,
        @JsonProperty("run_id") String runId,
        Boolean forced) {

    public static final String JDBC_CONNECTOR = "jdbc";

    /** Not a bean getter on purpose: {@code forced} is the JSON property, this only reads it. */
    public boolean forcedRun() {
        return Boolean.TRUE.equals(forced);
    }
}
