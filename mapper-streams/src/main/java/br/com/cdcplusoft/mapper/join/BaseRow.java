package br.com.cdcplusoft.mapper.join;

import br.com.cdcplusoft.core.json.JsonSerdes;
import org.apache.kafka.common.serialization.Serde;
import tools.jackson.databind.node.ObjectNode;

/**
 * The current row of a base table, as its KTable holds it.
 *
 * @param row      the row in the extractor's format (see {@link BaseTable#normalise})
 * @param revision offset of the change event that wrote it on its partition: tells, once rows are
 *                 joined, which of them an update brought
 * @param resync   written by a Debezium incremental snapshot ({@code source.snapshot = "incremental"}),
 *                 that is, by a re-sync: the joined row it brings must be sent even if unchanged
 */
record BaseRow(ObjectNode row, long revision, boolean resync) {

    static Serde<BaseRow> serde() {
        return JsonSerdes.of(BaseRow.class);
    }
}
