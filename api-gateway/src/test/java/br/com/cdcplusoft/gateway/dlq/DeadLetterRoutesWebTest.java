package br.com.cdcplusoft.gateway.dlq;

import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import br.com.cdcplusoft.core.json.Json;
import br.com.cdcplusoft.gateway.WebTestConfiguration;
import br.com.cdcplusoft.gateway.security.SecurityConfiguration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** GET /dlq and POST /dlq/{entidade}/reprocessar: answers, the API key, bad input, conflicts, broker down. */
@WebMvcTest(controllers = DeadLetterController.class,
        properties = {"spring.config.name=api-gateway", "gateway.security.api-key=" + WebTestConfiguration.API_KEY,
                "gateway.security.read-api-key=" + WebTestConfiguration.READ_KEY})
@Import({WebTestConfiguration.class, SecurityConfiguration.class})
class DeadLetterRoutesWebTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    DeadLetterQueues queues;

    @Test
    void listShowsEachEntitysQueuesWithTheDefaultLimit() throws Exception {
        DeadLetterOverview.Item item = new DeadLetterOverview.Item(2, 7, Instant.parse("2024-07-15T10:02:11Z"), "MAPPING", "is not a valid CPF",
                "IDPESSOA", null, null, Json.mapper().readTree("{\"SEQPESSOA\":997}"),
                new DeadLetterOverview.Origin("consinco.clientes", 2, 41L), false, true);
        when(queues.list(10)).thenReturn(new DeadLetterOverview(List.of(new DeadLetterOverview.Entity("clientes",
                new DeadLetterOverview.Queue("consinco.clientes.dlq", 1, 1, false, List.of(item)),
                new DeadLetterOverview.Queue("plusoft.clientes.dlq", 0, 0, false, List.of())))));
        mvc.perform(get("/dlq").header("X-API-Key", WebTestConfiguration.READ_KEY))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.entidades[0].mapper.ultimos[0].classificacao").value("MAPPING"))
                .andExpect(jsonPath("$.entidades[0].entidade").value("clientes"))
                .andExpect(jsonPath("$.entidades[0].mapper.topico").value("consinco.clientes.dlq"))
                .andExpect(jsonPath("$.entidades[0].mapper.pendentes").value(1))
                .andExpect(jsonPath("$.entidades[0].mapper.ultimos[0].motivo").value("is not a valid CPF"))
                .andExpect(jsonPath("$.entidades[0].mapper.ultimos[0].campo").value("IDPESSOA"))
                .andExpect(jsonPath("$.entidades[0].mapper.ultimos[0].origem.offset").value(41))
                .andExpect(jsonPath("$.entidades[0].sink.total").value(0));
    }

    @Test
    void listTakesLimiteWithinItsBounds() throws Exception {
        when(queues.list(100)).thenReturn(new DeadLetterOverview(List.of()));
        mvc.perform(get("/dlq").param("limite", "100").header("X-API-Key", WebTestConfiguration.READ_KEY)).andExpect(status().isOk());
        for (String bad : List.of("0", "101", "-1")) {
            mvc.perform(get("/dlq").param("limite", bad).header("X-API-Key", WebTestConfiguration.READ_KEY))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.parametro").value("limite"));
        }
        mvc.perform(get("/dlq").param("limite", "dez").header("X-API-Key", WebTestConfiguration.READ_KEY))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.parametro").value("limite"));
    }

    @Test
    void redriveAnswers202WithCounts() throws Exception {
        when(queues.redrive("clientes")).thenReturn(new RedriveResult("clientes", new RedriveResult.Counts(3, 1, 1, 1),
                new RedriveResult.Counts(1, 1, 0, 0)));
        mvc.perform(post("/dlq/clientes/reprocessar").header("X-API-Key", WebTestConfiguration.API_KEY))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.entidade").value("clientes"))
                .andExpect(jsonPath("$.mapper.lidos").value(3))
                .andExpect(jsonPath("$.mapper.reprocessados").value(1))
                .andExpect(jsonPath("$.mapper.obsoletos").value(1))
                .andExpect(jsonPath("$.mapper.ignorados").value(1))
                .andExpect(jsonPath("$.sink.reprocessados").value(1));
    }

    @Test
    void redriveWithoutTheKeyIs401AndNothingIsReDriven() throws Exception {
        mvc.perform(post("/dlq/clientes/reprocessar"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(post("/dlq/clientes/reprocessar").header("X-API-Key", "wrong-key-0123456789abcdef"))
                .andExpect(status().isUnauthorized());
        verify(queues, never()).redrive(anyString());
    }

    @Test
    void unknownEntityIs404AndARunningReDriveIs409() throws Exception {
        mvc.perform(post("/dlq/fornecedores/reprocessar").header("X-API-Key", WebTestConfiguration.API_KEY))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Unknown entity"));
        when(queues.redrive("vendas")).thenThrow(new DeadLetterQueues.RedriveRunningException("vendas"));
        mvc.perform(post("/dlq/vendas/reprocessar").header("X-API-Key", WebTestConfiguration.API_KEY))
                .andExpect(status().isConflict())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.entidade").value("vendas"));
    }

    @Test
    void brokerDownIs503WithRetryAfter() throws Exception {
        when(queues.list(anyInt())).thenThrow(new DeadLetterQueues.UnavailableException("timeout", null));
        mvc.perform(get("/dlq").header("X-API-Key", WebTestConfiguration.API_KEY))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "30"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("nothing was marked re-driven")));
    }

    @Test
    void wrongMethodIs405Problem() throws Exception {
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete("/dlq")
                        .header("X-API-Key", WebTestConfiguration.API_KEY))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }
}
