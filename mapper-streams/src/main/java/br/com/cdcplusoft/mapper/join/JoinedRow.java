package br.com.cdcplusoft.mapper.join;

import br.com.cdcplusoft.core.json.JsonSerdes;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The base rows one view row is made of, by the alias the view's SQL gives their table
 * ({@code P}, {@code F}, {@code M} for a product); an alias maps to null when an outer join found no
 * row. Immutable; serialised as JSON in insertion order, so equal values give equal bytes (the
 * foreign-key joins compare hashes of those bytes).
 */
record JoinedRow(Map<String, BaseRow> parts) {

    JoinedRow {
        parts = Collections.unmodifiableMap(parts == null ? new LinkedHashMap<>() : new LinkedHashMap<>(parts));
    }

    static JoinedRow of(String alias, BaseRow row) {
        Map<String, BaseRow> parts = new LinkedHashMap<>();
        parts.put(alias, row);
        return new JoinedRow(parts);
    }

    static Serde<JoinedRow> serde() {
        return JsonSerdes.of(JoinedRow.class);
    }

    /** This row with one more part (null: the outer join found nothing). */
    JoinedRow with(String alias, BaseRow row) {
        Map<String, BaseRow> more = new LinkedHashMap<>(parts);
        more.put(alias, row);
        return new JoinedRow(more);
    }

    /** The row of an alias, or null when it has none. */
    ObjectNode row(String alias) {
        BaseRow part = parts.get(alias);
        return part == null ? null : part.row();
    }

    /** A column of an alias's row, or null (SQL NULL) when the row or the column is missing. */
    JsonNode value(String alias, String column) {
        ObjectNode row = row(alias);
        JsonNode value = row == null ? null : row.get(column);
        return value == null || value.isNull() ? null : value;
    }

    /**
     * Whether a re-sync brought this version: some part that differs from the {@code previous}
     * version's (another revision, or newly present) was written by an incremental snapshot.
     */
    boolean resyncedSince(JoinedRow previous) {
        for (Map.Entry<String, BaseRow> part : parts.entrySet()) {
            BaseRow now = part.getValue();
            BaseRow before = previous == null ? null : previous.parts().get(part.getKey());
            if (now != null && now.resync() && (before == null || before.revision() != now.revision())) {
                return true;
            }
        }
        return false;
    }
}
