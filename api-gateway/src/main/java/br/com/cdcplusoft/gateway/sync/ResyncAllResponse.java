package br.com.cdcplusoft.gateway.sync;

import br.com.cdcplusoft.gateway.runs.RunStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * Answer to {@code POST /sincronizar}: the runs started, one per entity, and the entities skipped
 * because a run of theirs was already extracting.
 */
@Schema(description = "Runs started by a re-sync of every entity")
record ResyncAllResponse(List<RunStatus> runs, List<Skipped> alreadyRunning) {

    /** An entity whose run was already extracting, with that run's id and status route. */
    record Skipped(@Schema(example = "vendas") String entidade, String runId,
                   @Schema(example = "/sincronizacoes/vendas-20240715T040000-1a2b3c4d") String status) {
    }
}
