package br.com.cdcplusoft.gateway.sync;

import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasSize;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import br.com.cdcplusoft.core.run.RunEvent;
import br.com.cdcplusoft.gateway.WebTestConfiguration;
import br.com.cdcplusoft.gateway.runs.RunStatus;
import br.com.cdcplusoft.gateway.runs.RunTracker;
import br.com.cdcplusoft.gateway.security.SecurityConfiguration;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** POST /{entidade}/sincronizar, POST /sincronizar, GET /sincronizacoes[/{id}]: success, key, conflicts, bad input. */
@WebMvcTest(controllers = ResyncController.class,
        properties = {"spring.config.name=api-gateway", "gateway.security.api-key=" + WebTestConfiguration.API_KEY,
                "gateway.security.read-api-key=" + WebTestConfiguration.READ_KEY})
@Import({WebTestConfiguration.class, SecurityConfiguration.class, ResyncRoutesWebTest.Tracker.class})
class ResyncRoutesWebTest {

    @TestConfiguration(proxyBeanMethods = false)
    static class Tracker {
        @Bean
        RunTracker runTracker() {
            return new RunTracker(100, Duration.ofMinutes(10), Clock.systemUTC());
        }
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    RunTracker tracker;

    @MockitoBean
    ResyncService resyncs;

    @Test
    void resyncAnswers202WithRunIdAndLocation() throws Exception {
        when(resyncs.start("produtos", true, false, "manual", null)).thenReturn(started("produtos-1", "produtos", true));
        mvc.perform(withKey(post("/produtos/sincronizar").param("forcar", "true")))
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", "http://localhost/sincronizacoes/produtos-1"))
                .andExpect(jsonPath("$.runId").value("produtos-1"))
                .andExpect(jsonPath("$.entity").value("produtos"))
                .andExpect(jsonPath("$.forced").value(true))
                .andExpect(jsonPath("$.trigger").value("manual"))
                .andExpect(jsonPath("$.status").value("RUNNING"));
    }

    @Test
    void resyncWithoutForcarIsNotForced() throws Exception {
        when(resyncs.start("filiais", false, false, "manual", null)).thenReturn(started("filiais-1", "filiais", false));
        mvc.perform(withKey(post("/filiais/sincronizar"))).andExpect(status().isAccepted()).andExpect(jsonPath("$.forced").value(false));
        verify(resyncs).start("filiais", false, false, "manual", null);
    }

    @Test
    void confirmarExclusoesConfirmsTheRunsDeletesBeyondTheGuardAndIsCheckedLikeForcar() throws Exception {
        when(resyncs.start("produtos", false, true, "manual", null)).thenReturn(started("produtos-2", "produtos", false));
        mvc.perform(withKey(post("/produtos/sincronizar").param("confirmarExclusoes", "true"))).andExpect(status().isAccepted());
        verify(resyncs).start("produtos", false, true, "manual", null);
        mvc.perform(withKey(post("/produtos/sincronizar").param("confirmarExclusoes", "sim")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.parametro").value("confirmarExclusoes"))
                .andExpect(jsonPath("$.detail").value("confirmarExclusoes must be true or false, was 'sim'"));
    }

    @Test
    void missingOrWrongKeyIs401ProblemAndNothingStarts() throws Exception {
        for (MockHttpServletRequestBuilder request : new MockHttpServletRequestBuilder[] {
                post("/produtos/sincronizar"),
                post("/produtos/sincronizar").header("X-API-Key", "wrong-key-0123456789abcdef"),
                post("/produtos/sincronizar").header("X-API-Key", ""),
                post("/sincronizar"),
                post("/fornecedores/sincronizar")}) {
            mvc.perform(request)
                    .andExpect(status().isUnauthorized())
                    .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(header().exists("WWW-Authenticate"))
                    .andExpect(jsonPath("$.status").value(401))
                    .andExpect(jsonPath("$.detail").value("missing or invalid X-API-Key"));
        }
        verify(resyncs, never()).start(anyString(), anyBoolean(), anyString(), any());
        verify(resyncs, never()).start(anyString(), anyBoolean(), anyBoolean(), anyString(), any());
    }

    @Test
    void theReadKeyCannotStartAReSync() throws Exception {
        for (String route : new String[] {"/produtos/sincronizar", "/sincronizar"}) {
            mvc.perform(post(route).header("X-API-Key", WebTestConfiguration.READ_KEY))
                    .andExpect(status().isForbidden())
                    .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.detail").value("this route needs the admin key (GATEWAY_API_KEY); the read key only reads"));
        }
        verify(resyncs, never()).start(anyString(), anyBoolean(), anyString(), any());
    }

    @Test
    void aFailedRunShowsItsClassifiedMaskedErrorOnlyToACallerWithAKey() throws Exception {
        Instant t0 = Instant.parse("2024-07-15T04:00:00Z");
        tracker.apply(new RunEvent("clientes-9", "clientes", RunEvent.Kind.STARTED, false, t0, 0, "manual"));
        tracker.apply(new RunEvent("clientes-9", "clientes", RunEvent.Kind.FAILED, false, t0.plusSeconds(1), 0,
                "Data conversion error converting \"Maria Aparecida Teste\"; SQL statement: SELECT * FROM VW_PLUSOFT_CLIENTE"
                        + " [22018-240] for maria.teste@exemplo.com.br 52998224725"));
        mvc.perform(get("/sincronizacoes/clientes-9"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("FAILED"))
                .andExpect(jsonPath("$.errors").doesNotExist());
        mvc.perform(get("/sincronizacoes").param("entidade", "clientes"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].errors").doesNotExist());
        for (String key : new String[] {WebTestConfiguration.READ_KEY, WebTestConfiguration.API_KEY}) {
            String body = mvc.perform(get("/sincronizacoes/clientes-9").header("X-API-Key", key))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.errors[0].classificacao").value("DATABASE"))
                    .andExpect(jsonPath("$.errors[0].trecho").value("Data conversion error converting '***'; SQL statement: SELECT * "
                            + "FROM VW_PLUSOFT_CLIENTE [***] for ***@*** ***"))
                    .andReturn().getResponse().getContentAsString();
            org.assertj.core.api.Assertions.assertThat(body).doesNotContain("Maria").doesNotContain("maria.teste")
                    .doesNotContain("52998224725");
        }
    }

    @Test
    void unknownEntityIs404AndBadForcarIs400() throws Exception {
        mvc.perform(withKey(post("/fornecedores/sincronizar")))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Unknown entity"));
        mvc.perform(withKey(post("/produtos/sincronizar").param("forcar", "sim")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.parametro").value("forcar"))
                .andExpect(jsonPath("$.detail").value("forcar must be true or false, was 'sim'"));
        verify(resyncs, never()).start(anyString(), anyBoolean(), anyBoolean(), anyString(), any());
    }

    @Test
    void secondResyncOfARunningEntityIs409NamingTheRunningRun() throws Exception {
        when(resyncs.start(eq("clientes"), anyBoolean(), anyBoolean(), eq("manual"), isNull()))
                .thenThrow(new ResyncService.AlreadyRunningException("clientes", "clientes-7"));
        mvc.perform(withKey(post("/clientes/sincronizar")))
                .andExpect(status().isConflict())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(header().string("Location", "http://localhost/sincronizacoes/clientes-7"))
                .andExpect(jsonPath("$.runId").value("clientes-7"))
                .andExpect(jsonPath("$.entidade").value("clientes"))
                .andExpect(jsonPath("$.detail").value("a re-sync of 'clientes' is already running: run clientes-7"));
    }

    @Test
    void resyncOfAllStartsEveryEntityAndListsTheOnesAlreadyRunning() throws Exception {
        when(resyncs.start(anyString(), eq(false), eq("manual"), isNull())).thenAnswer(inv -> {
            String entity = inv.getArgument(0);
            if (entity.equals("vendas")) {
                throw new ResyncService.AlreadyRunningException("vendas", "vendas-3");
            }
            return started(entity + "-9", entity, false);
        });
        mvc.perform(withKey(post("/sincronizar")))
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", "http://localhost/sincronizacoes"))
                .andExpect(jsonPath("$.runs", hasSize(3)))
                .andExpect(jsonPath("$.runs[0].entity").value("filiais"))
                .andExpect(jsonPath("$.runs[2].entity").value("clientes"))
                .andExpect(jsonPath("$.alreadyRunning[0].entidade").value("vendas"))
                .andExpect(jsonPath("$.alreadyRunning[0].runId").value("vendas-3"))
                .andExpect(jsonPath("$.alreadyRunning[0].status").value(endsWith("/sincronizacoes/vendas-3")));
    }

    @Test
    void resyncOfAllWhenEverythingRunsIs409() throws Exception {
        when(resyncs.start(anyString(), anyBoolean(), anyString(), any())).thenAnswer(inv -> {
            throw new ResyncService.AlreadyRunningException(inv.getArgument(0), inv.getArgument(0) + "-1");
        });
        mvc.perform(withKey(post("/sincronizar").param("forcar", "true")))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.runId").value("filiais-1"));
    }

    @Test
    void runStatusShowsTheAggregatedProgress() throws Exception {
        Instant t0 = Instant.parse("2024-07-15T04:00:00Z");
        tracker.apply(new RunEvent("produtos-42", "produtos", RunEvent.Kind.STARTED, true, t0, 0, "manual"));
        tracker.apply(new RunEvent("produtos-42", "produtos", RunEvent.Kind.PUBLISHED, true, t0.plusSeconds(1), 1000, null));
        tracker.apply(new RunEvent("produtos-42", "produtos", RunEvent.Kind.PUBLISHED, true, t0.plusSeconds(2), 500, null));
        tracker.apply(new RunEvent("produtos-42", "produtos", RunEvent.Kind.FINISHED, true, t0.plusSeconds(3), 1500, null));
        tracker.apply(new RunEvent("produtos-42", "produtos", RunEvent.Kind.DELIVERED, true, t0.plusSeconds(9), 1490, null));
        tracker.apply(new RunEvent("produtos-42", "produtos", RunEvent.Kind.SINK_DEAD_LETTERED, true, t0.plusSeconds(9), 10, null));
        mvc.perform(get("/sincronizacoes/produtos-42"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("COMPLETED"))
                .andExpect(jsonPath("$.trigger").value("manual"))
                .andExpect(jsonPath("$.counts.read").value(1500))
                .andExpect(jsonPath("$.counts.published").value(1500))
                .andExpect(jsonPath("$.counts.delivered").value(1490))
                .andExpect(jsonPath("$.counts.deadLettered").value(10))
                .andExpect(jsonPath("$.startedAt").value("2024-07-15T04:00:00Z"))
                .andExpect(jsonPath("$.endedAt").value("2024-07-15T04:00:09Z"));
        mvc.perform(get("/sincronizacoes").param("entidade", "produtos"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].runId").value("produtos-42"));
    }

    @Test
    void unknownOrMalformedRunIdIs404AndBadListParametersAre400() throws Exception {
        mvc.perform(get("/sincronizacoes/nao-existe"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("no run 'nao-existe' is known to this gateway"));
        mvc.perform(get("/sincronizacoes/{id}", "a b<script>")).andExpect(status().isNotFound());
        mvc.perform(get("/sincronizacoes").param("limite", "0"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.parametro").value("limite"));
        mvc.perform(get("/sincronizacoes").param("entidade", "fornecedores")).andExpect(status().isNotFound());
    }

    @Test
    void getOnAPostRouteIs405Problem() throws Exception {
        mvc.perform(get("/produtos/sincronizar"))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    private static MockHttpServletRequestBuilder withKey(MockHttpServletRequestBuilder request) {
        return request.header("X-API-Key", WebTestConfiguration.API_KEY);
    }

    private static ResyncService.Started started(String runId, String entity, boolean forced) {
        Instant now = Instant.parse("2024-07-15T04:00:00Z");
        RunStatus status = new RunStatus(runId, entity, forced, "manual", RunStatus.State.RUNNING,
                new RunStatus.Counts(0, null, 0, 0, 0, 0, 0, 0), now, null, null, now, java.util.List.of());
        return new ResyncService.Started(status, Path.of("Logs"));
    }
}
