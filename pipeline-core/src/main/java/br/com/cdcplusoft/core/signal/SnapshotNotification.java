package br.com.cdcplusoft.core.signal;

import br.com.cdcplusoft.core.json.Json;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * One of Debezium's incremental-snapshot notifications, as its {@code sink} notification channel
 * writes them to {@code notification.sink.topic.name} (JSON converter, schemas off):
 * {@code {"id":"<signal id>","aggregate_type":"Incremental Snapshot","type":"TABLE_SCAN_COMPLETED",
 * "additional_data":{"data_collections":"A,B","scanned_collection":"A","total_rows_scanned":"40","status":"SUCCEEDED"},
 * "timestamp":...}}.
 *
 * @param id               the correlation id: the id of the {@code execute-snapshot} signal that started it
 * @param type             {@code STARTED}, {@code PAUSED}, {@code RESUMED}, {@code ABORTED}, {@code IN_PROGRESS},
 *                         {@code TABLE_SCAN_COMPLETED}, {@code COMPLETED}
 * @param dataCollections  the tables of the snapshot
 * @param scannedTable     {@code TABLE_SCAN_COMPLETED}: the table whose scan ended
 * @param rowsScanned      {@code TABLE_SCAN_COMPLETED}: its rows read, else 0
 * @param status           {@code TABLE_SCAN_COMPLETED}: {@code SUCCEEDED}, {@code EMPTY}, {@code NO_PRIMARY_KEY},
 *                         {@code SQL_EXCEPTION}, {@code UNKNOWN_SCHEMA}, ...; else null
 */
public record SnapshotNotification(String id, String type, List<String> dataCollections, String scannedTable,
                                   long rowsScanned, String status) {

    public static final String INCREMENTAL_SNAPSHOT = "Incremental Snapshot";

    /** Whether a finished table scan read its table (an empty table is a success too). */
    public boolean scanSucceeded() {
        return "SUCCEEDED".equals(status) || "EMPTY".equals(status);
    }

    /** The notification in a record value, or empty when it is not an incremental-snapshot notification. */
    public static Optional<SnapshotNotification> parse(byte[] value) {
        if (value == null || value.length == 0) {
            return Optional.empty();
        }
        try {
            JsonNode n = Json.mapper().readTree(value);
            if (n.has("schema") && n.has("payload")) {
                n = n.get("payload");
            }
            if (!INCREMENTAL_SNAPSHOT.equals(n.path("aggregate_type").asString(null)) || !n.hasNonNull("id")) {
                return Optional.empty();
            }
            JsonNode data = n.path("additional_data");
            String collections = data.path("data_collections").asString("");
            long rows = 0;
            try {
                rows = Long.parseLong(data.path("total_rows_scanned").asString("0").strip());
            } catch (NumberFormatException e) {
                rows = 0;
            }
            return Optional.of(new SnapshotNotification(n.get("id").asString(), n.path("type").asString(null),
                    collections.isBlank() ? List.of() : Arrays.stream(collections.split(",")).map(String::strip).toList(),
                    data.path("scanned_collection").asString(null), rows, data.path("status").asString(null)));
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }
}
