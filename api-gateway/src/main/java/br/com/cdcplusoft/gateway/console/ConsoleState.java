package br.com.cdcplusoft.gateway.console;

import br.com.cdcplusoft.gateway.runs.RunStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * What {@code GET /painel/estado} answers: the pipeline's state as the console shows it. Times are
 * instants (UTC, ISO-8601); the page shows them in {@code fusoHorario}. A part that could not be
 * read is null and named in {@code avisos}.
 *
 * @param geradoEm           when the gateway last gathered the Kafka side (every {@code atualizarACadaSegundos})
 * @param plusoft            the sinks' circuit breaker toward Plusoft
 * @param entidades          per entity: source rows, delivered records, how far behind each stage is
 * @param execucoes          re-sync runs, the running and the recent ones
 * @param filasMortas        dead letters per entity and stage, personal data masked
 * @param historico          the charts' series (kept in this gateway's memory)
 * @param avisos             parts that could not be read, in Portuguese, for the page
 */
@Schema(description = "The pipeline's state as the operator console (/painel) shows it")
record ConsoleState(Instant geradoEm, @Schema(example = "America/Sao_Paulo") String fusoHorario, long atualizarACadaSegundos,
                    Plusoft plusoft, List<Entity> entidades, Runs execucoes, List<DeadLetters> filasMortas, History historico,
                    List<String> avisos) {

    /**
     * @param circuito   the worst state among the live sinks: CLOSED, HALF_OPEN, OPEN (FORCED_OPEN), or DESCONHECIDO with none
     * @param sinksAtivos sinks that reported within the last three report intervals
     * @param relatadoEm the newest report
     */
    record Plusoft(@Schema(example = "CLOSED") String circuito, int sinksAtivos, Instant relatadoEm) {
    }

    /**
     * @param linhasNaView     rows of the source view (with the entity's filter); null until first counted
     * @param linhasContadasEm when they were counted
     * @param entregues        records Plusoft accepted, summed over every sink process that reported
     * @param mortasNoSink     records the sinks dead-lettered, likewise
     * @param ultimaEntrega    when Plusoft last accepted a record of the entity
     */
    record Entity(@Schema(example = "produtos") String entidade, Long linhasNaView, Instant linhasContadasEm, long entregues,
                  long mortasNoSink, Instant ultimaEntrega, Extractor extrator, Stage mapper, Stage sink) {
    }

    /**
     * @param cursor         the extractor's stored cursor (ERP local time), null without a cursor column or before its first poll
     * @param cursorSalvoEm  when the extractor stored it
     * @param idadeSegundos  how old the cursor's value is on the ERP's own clock (its SYSDATE minus the cursor)
     * @param atrasoSegundos how far the cursor is behind the newest change in the view (0 = caught up), null when unknown
     * @param semCursor      the entity has no change column: the extractor re-reads the whole view every poll
     */
    record Extractor(LocalDateTime cursor, Instant cursorSalvoEm, Long idadeSegundos, Long atrasoSegundos, boolean semCursor) {
    }

    /**
     * @param grupo               the consumer group
     * @param lag                 records on the stage's input topic the group has not consumed yet; null when unreadable
     * @param registrosPorSegundo what the group consumed per second over the last minute
     * @param estimativaSegundos  lag / rate: when the stage will have caught up; null when it is not consuming
     */
    record Stage(String grupo, Long lag, Double registrosPorSegundo, Long estimativaSegundos) {
    }

    /**
     * @param proximaNoturna the next nightly slot, null when the nightly run is disabled
     * @param recentes       the most recent runs first (running ones included)
     */
    record Runs(Instant proximaNoturna, List<Run> recentes) {
    }

    /**
     * A run with its duration and per-stage progress in percent of {@code total}: read, published (reached
     * 100 when the extractor declared its end), mapped (mapped + unchanged + mapper dead letters) and
     * delivered (delivered + unchanged + dead letters: what COMPLETED waits for).
     *
     * @param total rows of the run: published when known, else the rows read or in the view
     */
    record Run(RunStatus run, long duracaoSegundos, long total, Map<String, Integer> progresso) {
    }

    record DeadLetters(String entidade, Queue mapper, Queue sink) {
    }

    /**
     * @param ultimos the newest dead letters: when, why, the field or Plusoft status, the key masked
     */
    record Queue(String topico, long total, long pendentes, List<JsonNode> ultimos) {
    }

    /**
     * @param entreguesPorMinuto records delivered per minute over the last hour, per entity
     * @param lag               lag (mapper + sink) per entity over the last hour
     */
    record History(List<ConsoleHistory.Minute> entreguesPorMinuto, List<ConsoleHistory.LagPoint> lag) {
    }
}
