package br.com.cdcplusoft.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.cdcplusoft.core.catalog.EntityDefinition;
import br.com.cdcplusoft.gateway.runs.RunStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleServiceTest {

    private static final Instant START = Instant.parse("2026-07-15T13:00:00Z");

    private static RunStatus run(RunStatus.State state, long read, Long published, long mapped, long unchanged, long delivered,
                                 long mapperDead, long sinkDead, Instant ended) {
        return new RunStatus("vendas-1", "vendas", true, "manual", state,
                new RunStatus.Counts(read, published, mapped, unchanged, delivered, mapperDead, sinkDead, mapperDead + sinkDead),
                START, published == null ? null : START.plusSeconds(30), ended, START.plusSeconds(40), List.of());
    }

    @Test
    void whileExtractingTheViewsRowsAreTheTotalAndPublishingIsNeverShownDone() {
        ConsoleState.Run r = ConsoleService.progress(run(RunStatus.State.RUNNING, 40_000, null, 20_000, 0, 10_000, 0, 0, null),
                100_000L, START.plusSeconds(90));
        assertThat(r.total()).isEqualTo(100_000);
        assertThat(r.progresso()).containsEntry("lidos", 40).containsEntry("publicados", 40).containsEntry("mapeados", 20)
                .containsEntry("entregues", 10);
        assertThat(r.duracaoSegundos()).isEqualTo(90);
    }

    @Test
    void deliveredCountsWhatCompletesARunUnchangedAndDeadLettersIncluded() {
        ConsoleState.Run r = ConsoleService.progress(run(RunStatus.State.PUBLISHED, 1000, 1000L, 900, 100, 850, 0, 50, null),
                5000L, START.plusSeconds(60));
        assertThat(r.total()).as("published, not the view's count").isEqualTo(1000);
        assertThat(r.progresso()).containsEntry("lidos", 100).containsEntry("publicados", 100).containsEntry("mapeados", 100)
                .containsEntry("entregues", 100);
        ConsoleState.Run partial = ConsoleService.progress(run(RunStatus.State.PUBLISHED, 1000, 1000L, 900, 0, 450, 0, 0, null),
                null, START.plusSeconds(60));
        assertThat(partial.progresso()).containsEntry("mapeados", 90).containsEntry("entregues", 45);
    }

    @Test
    void anEmptyRunIsCompleteWhenCompletedAndItsDurationEndsWithIt() {
        ConsoleState.Run r = ConsoleService.progress(run(RunStatus.State.COMPLETED, 0, 0L, 0, 0, 0, 0, 0, START.plusSeconds(5)),
                0L, START.plusSeconds(500));
        assertThat(r.progresso()).containsOnlyKeys("lidos", "publicados", "mapeados", "entregues").allSatisfy((k, v) -> assertThat(v).isEqualTo(100));
        assertThat(r.duracaoSegundos()).isEqualTo(5);
    }

    @Test
    void theCountQueryReadsTheViewWithItsFilterAndTheNewestCursor() {
        EntityDefinition vendas = new EntityDefinition("vendas", "VW_PLUSOFT_VENDA", List.of("SEQNF", "SEQPRODUTO"), "DTAHORALTERACAO",
                Duration.ofMinutes(10), 1000, Duration.ofSeconds(1), 6, false, "CODGERALOPER IN (37, 48)");
        EntityDefinition filiais = new EntityDefinition("filiais", "VW_PLUSOFT_FILIAL", List.of("NROEMPRESA"), null,
                Duration.ZERO, 1000, Duration.ofSeconds(60), 1, true, null);
        assertThat(SourceCounts.sql(vendas))
                .isEqualTo("SELECT COUNT(*), MAX(DTAHORALTERACAO) FROM VW_PLUSOFT_VENDA WHERE (CODGERALOPER IN (37, 48))");
        assertThat(SourceCounts.sql(filiais)).isEqualTo("SELECT COUNT(*) FROM VW_PLUSOFT_FILIAL");
    }
}
