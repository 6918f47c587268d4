package br.com.cdcplusoft.gateway.dlq;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Answer to {@code GET /dlq}: per entity, the mapper's and the sink's dead-letter topics. */
@Schema(description = "Dead letters per entity: counts and the latest ones, personal data masked")
record DeadLetterOverview(List<Entity> entidades) {

    /** One entity's two dead-letter topics. */
    record Entity(@Schema(example = "clientes") String entidade, Queue mapper, Queue sink) {
    }

    /**
     * @param total      dead letters on the topic (read_committed; at least this many when {@code truncado})
     * @param pendentes  of which not re-driven yet
     * @param truncado   a partition held more than gateway.dead-letters.max-scan records: only the newest were read
     * @param ultimos    the latest ones, newest first
     */
    record Queue(@Schema(example = "consinco.clientes.dlq") String topico, long total, long pendentes, boolean truncado,
                 List<Item> ultimos) {
    }

    /**
     * @param classificacao what failed: MAPPING (a field the mapper could not fill), UNREADABLE (not a readable change
     *                    event), PLUSOFT_REJECTED, PLUSOFT_TOO_LARGE, PLUSOFT_RETRIES_EXHAUSTED, ... (the sink's reason)
     * @param motivo      why it failed, values masked (mapper: the field problem; sink: REJECTED, TOO_LARGE, ...)
     * @param campo       the Plusoft field at fault (mapper)
     * @param status      Plusoft's HTTP status (sink)
     * @param detalhe     a masked excerpt of Plusoft's answer (sink): quoted text, e-mail addresses and numbers removed
     * @param chave       the record key, personal data masked
     * @param origem      where the record was read before it failed
     * @param reprocessado already re-driven by POST /dlq/{entidade}/reprocessar
     * @param reprocessavel false when the original could not be read (re-driving it would only fail again)
     */
    record Item(int particao, long offset, Instant em, @Schema(example = "MAPPING") String classificacao,
                @Schema(example = "is not a valid CPF") String motivo,
                @Schema(example = "IDPESSOA") String campo, Integer status, String detalhe, JsonNode chave, Origin origem,
                boolean reprocessado, boolean reprocessavel) {
    }

    record Origin(String topico, Integer particao, Long offset) {
    }
}
