package br.com.cdcplusoft.gateway.read;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import br.com.cdcplusoft.core.json.Json;
import br.com.cdcplusoft.gateway.WebTestConfiguration;
import br.com.cdcplusoft.gateway.security.SecurityConfiguration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.node.ObjectNode;

/** gateway.mask-personal-data=false and other paging limits: rows go out as the view has them. */
@WebMvcTest(controllers = EntityReadController.class, properties = {"spring.config.name=api-gateway",
        "gateway.mask-personal-data=false", "gateway.paging.default-limit=10", "gateway.paging.max-limit=20",
        "gateway.security.read-api-key=" + WebTestConfiguration.READ_KEY})
@Import({WebTestConfiguration.class, SecurityConfiguration.class})
class UnmaskedReadWebTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    ViewPageReader reader;

    @MockitoBean
    PayloadPreview preview;

    @Test
    void personalDataIsShownWhenMaskingIsOffAndTheConfiguredLimitsApply() throws Exception {
        ObjectNode row = Json.mapper().createObjectNode().put("SEQPESSOA", 7).put("NROCGCCPF", 123456789).put("DIGCGCCPF", 9)
                .put("EMAIL", "maria.teste@exemplo.com.br");
        when(reader.read(any(), eq(0L), eq(10))).thenReturn(new ViewPageReader.ViewPage(
                List.of(new ViewPageReader.ViewRow(Json.mapper().createObjectNode().put("SEQPESSOA", 7), row)), false));
        mvc.perform(get("/clientes").header("X-API-Key", WebTestConfiguration.READ_KEY))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.limite").value(10))
                .andExpect(jsonPath("$.itens[0].NROCGCCPF").value(123456789))
                .andExpect(jsonPath("$.itens[0].EMAIL").value("maria.teste@exemplo.com.br"));
        mvc.perform(get("/clientes").param("limite", "21").header("X-API-Key", WebTestConfiguration.READ_KEY))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("limite must be between 1 and 20, was 21"));
    }
}
