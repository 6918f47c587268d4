package br.com.cdcplusoft.mapper.topology;

import br.com.cdcplusoft.core.json.JsonSerdes;
import org.apache.kafka.common.serialization.Serde;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the mapper remembers per source row (state store {@code <entidade>-rows}, keyed by the
 * canonical source key): the Plusoft key and payload hash it last emitted, and when it last saw
 * the row, for the unchanged-payload check and for deleting rows a snapshot run did not see.
 *
 * @param plusoftKey  the key of the payload last emitted for this row
 * @param hash        SHA-256 (base64) of that payload's JSON
 * @param lastRunId   the last snapshot run that carried this row, or null
 * @param lastOffset  offset of the last change event for this row on its partition
 * @param emittedAt   timestamp of the change event whose payload was last emitted (0 when unknown), or just after
 *                    the sink dead letter that emission answered: a sink dead letter for the Plusoft key at or
 *                    after it means Plusoft does not hold that payload
 */
record RowState(ObjectNode plusoftKey, String hash, String lastRunId, long lastOffset, long emittedAt) {

    RowState(ObjectNode plusoftKey, String hash, String lastRunId, long lastOffset) {
        this(plusoftKey, hash, lastRunId, lastOffset, 0);
    }

    static Serde<RowState> serde() {
        return JsonSerdes.of(RowState.class);
    }

    RowState seen(String runId, long offset) {
        return new RowState(plusoftKey, hash, runId != null ? runId : lastRunId, offset, emittedAt);
    }
}
