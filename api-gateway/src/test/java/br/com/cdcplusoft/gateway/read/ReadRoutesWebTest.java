package br.com.cdcplusoft.gateway.read;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import br.com.cdcplusoft.core.catalog.EntityDefinition;
import br.com.cdcplusoft.core.json.Json;
import br.com.cdcplusoft.gateway.WebTestConfiguration;
import br.com.cdcplusoft.gateway.security.SecurityConfiguration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.node.ObjectNode;

/** GET /{entidade}: paging, the pular cap, keyset continuation, validation, unknown entity, formato=plusoft, masking, database down. */
@WebMvcTest(controllers = EntityReadController.class,
        properties = {"spring.config.name=api-gateway", "gateway.rate-limit.requests-per-period=10000",
                "gateway.security.api-key=" + WebTestConfiguration.API_KEY, "gateway.security.read-api-key=" + WebTestConfiguration.READ_KEY})
@Import({WebTestConfiguration.class, SecurityConfiguration.class})
class ReadRoutesWebTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    ViewPageReader reader;

    @MockitoBean
    PayloadPreview preview;

    @Test
    void firstPageWithDefaultsCarriesItemsAndPagingInfo() throws Exception {
        when(reader.read(any(), eq(0L), eq(100))).thenReturn(page(true, produto(1), produto(2)));
        mvc.perform(get("/produtos"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.entidade").value("produtos"))
                .andExpect(jsonPath("$.formato").value("consinco"))
                .andExpect(jsonPath("$.pular").value(0))
                .andExpect(jsonPath("$.limite").value(100))
                .andExpect(jsonPath("$.quantidade").value(2))
                .andExpect(jsonPath("$.temMais").value(true))
                .andExpect(jsonPath("$.proximo").value("/produtos?apos=eyJTRVFQUk9EVVRPIjoyfQ&limite=100"))
                .andExpect(jsonPath("$.itens", hasSize(2)))
                .andExpect(jsonPath("$.itens[0].SEQPRODUTO").value(1))
                .andExpect(jsonPath("$.itens[1].DESCCOMPLETA").value("Produto 2"));
    }

    @Test
    void explicitPageIsReadFromTheCatalogsViewAndTheLastPageHasNoNext() throws Exception {
        when(reader.read(any(), eq(40L), eq(20))).thenReturn(page(false, produto(41)));
        mvc.perform(get("/produtos").param("pular", "40").param("limite", "20"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.pular").value(40))
                .andExpect(jsonPath("$.limite").value(20))
                .andExpect(jsonPath("$.temMais").value(false))
                .andExpect(jsonPath("$.proximo").doesNotExist());
        verify(reader).read(org.mockito.ArgumentMatchers.<EntityDefinition>argThat(e -> e.source().equals("VW_PLUSOFT_PRODUTO")),
                eq(40L), eq(20));
    }

    @Test
    void limiteAtTheMaximumIsAccepted() throws Exception {
        when(reader.read(any(), eq(0L), eq(500))).thenReturn(page(false));
        mvc.perform(get("/vendas").param("limite", "500").header("X-API-Key", WebTestConfiguration.READ_KEY))
                .andExpect(status().isOk()).andExpect(jsonPath("$.quantidade").value(0));
    }

    @Test
    void invalidParametersAre400ProblemsNamingTheParameter() throws Exception {
        expectBadParameter("/produtos?limite=0", "limite", "limite must be between 1 and 500, was 0");
        expectBadParameter("/produtos?limite=501", "limite", "limite must be between 1 and 500, was 501");
        expectBadParameter("/produtos?pular=-1", "pular", "pular must be 0 or more, was -1");
        expectBadParameter("/produtos?pular=abc", "pular", "pular must be a whole number, was 'abc'");
        expectBadParameter("/produtos?limite=1.5", "limite", "limite must be a whole number, was '1.5'");
        expectBadParameter("/produtos?limite=99999999999999999999", "limite",
                "limite must be a whole number, was '99999999999999999999'");
        expectBadParameter("/produtos?formato=xml", "formato", "formato must be consinco or plusoft, was 'xml'");
        verify(reader, never()).read(any(), anyLong(), anyInt());
    }

    @Test
    void pularAboveTheCapIs400NamingTheCapAndPointingToProximo() throws Exception {
        when(reader.read(any(), eq(100_000L), eq(100))).thenReturn(page(false));
        mvc.perform(get("/produtos").param("pular", "100000")).andExpect(status().isOk());
        mvc.perform(get("/produtos").param("pular", "100001"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.parametro").value("pular"))
                .andExpect(jsonPath("$.detail").value("pular must be at most 100000 (gateway.reads.max-skip), was 100001; for deeper "
                        + "pages follow proximo, which continues after the last row read (apos) at no extra cost to the ERP"));
        verify(reader, never()).read(any(), eq(100_001L), anyInt());
    }

    @Test
    void aposContinuesAfterTheTokensKeyWithoutAnOffset() throws Exception {
        when(reader.readAfter(any(), any(), eq(20))).thenReturn(page(true, produto(42), produto(43)));
        mvc.perform(get("/produtos").param("apos", "eyJTRVFQUk9EVVRPIjo0MX0").param("limite", "20"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.apos").value("eyJTRVFQUk9EVVRPIjo0MX0"))
                .andExpect(jsonPath("$.pular").value(0))
                .andExpect(jsonPath("$.itens[0].SEQPRODUTO").value(42))
                .andExpect(jsonPath("$.proximo").value("/produtos?apos=eyJTRVFQUk9EVVRPIjo0M30&limite=20"));
        verify(reader).readAfter(any(), org.mockito.ArgumentMatchers.argThat(k -> k.get("SEQPRODUTO").asLong() == 41), eq(20));
        verify(reader, never()).read(any(), anyLong(), anyInt());
    }

    @Test
    void aposThatIsNotAContinuationOfThisEntityOrComesWithPularIs400() throws Exception {
        String detail = "apos must be the continuation token of a proximo link of /produtos (the key columns SEQPRODUTO of the last row read)";
        expectBadParameter("/produtos?apos=not-base64!", "apos", detail);
        // a continuation of clientes ({"SEQPESSOA":2}) does not continue produtos
        expectBadParameter("/produtos?apos=eyJTRVFQRVNTT0EiOjJ9", "apos", detail);
        expectBadParameter("/produtos?apos=eyJTRVFQUk9EVVRPIjo0MX0&pular=5", "apos",
                "apos and pular cannot be combined: apos already says where the page starts");
        verify(reader, never()).readAfter(any(), any(), anyInt());
    }

    @Test
    void unknownEntityIs404Problem() throws Exception {
        mvc.perform(get("/fornecedores").header("X-API-Key", WebTestConfiguration.READ_KEY))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(404))
                .andExpect(jsonPath("$.title").value("Unknown entity"))
                .andExpect(jsonPath("$.detail").value("unknown entity 'fornecedores'; known entities: filiais, produtos, clientes, vendas"))
                .andExpect(jsonPath("$.instance").value("/fornecedores"));
    }

    @Test
    void unknownEntityWinsOverBadParametersAndLongNamesAreNotEchoedWhole() throws Exception {
        String name = "x".repeat(300);
        mvc.perform(get("/" + name).param("limite", "0").header("X-API-Key", WebTestConfiguration.READ_KEY))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value(containsString("'" + "x".repeat(64) + "...'")));
    }

    @Test
    void personalDataIsMaskedInViewRows() throws Exception {
        ObjectNode row = Json.mapper().createObjectNode().put("SEQPESSOA", 7).put("NOMERAZAO", "Maria Teste")
                .put("FISICAJURIDICA", "F").put("NROCGCCPF", 123456789).put("DIGCGCCPF", 9)
                .put("EMAIL", "maria.teste@exemplo.com.br").put("FONEDDD1", 11).put("FONENRO1", 987654321);
        when(reader.read(any(), eq(0L), eq(100))).thenReturn(new ViewPageReader.ViewPage(
                List.of(new ViewPageReader.ViewRow(Json.mapper().createObjectNode().put("SEQPESSOA", 7), row)), false));
        mvc.perform(get("/clientes").header("X-API-Key", WebTestConfiguration.READ_KEY))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.itens[0].NROCGCCPF").value("***.***.***-09"))
                .andExpect(jsonPath("$.itens[0].DIGCGCCPF").value("**"))
                .andExpect(jsonPath("$.itens[0].EMAIL").value("m***@exemplo.com.br"))
                .andExpect(jsonPath("$.itens[0].FONEDDD1").value(11))
                .andExpect(jsonPath("$.itens[0].FONENRO1").value("*******21"))
                .andExpect(jsonPath("$.itens[0].NOMERAZAO").value("Maria Teste"));
    }

    @Test
    void formatoPlusoftReturnsMaskedPayloadsOrEachRowsFieldErrors() throws Exception {
        ObjectNode ok = Json.mapper().createObjectNode().put("SEQPESSOA", 1);
        ObjectNode bad = Json.mapper().createObjectNode().put("SEQPESSOA", 2);
        when(reader.read(any(), eq(0L), eq(2))).thenReturn(new ViewPageReader.ViewPage(List.of(
                new ViewPageReader.ViewRow(ok.deepCopy(), ok), new ViewPageReader.ViewRow(bad.deepCopy(), bad)), true));
        when(preview.preview("clientes", ok)).thenReturn(new PayloadPreview.Result(
                Json.mapper().createObjectNode().put("IDPESSOA", "12345678909"),
                Json.mapper().createObjectNode().put("IDPESSOA", "12345678909").put("TXTNOMECOMPLETO", "Maria Teste")
                        .put("TXTEMAIL", "maria@exemplo.com.br").put("NUMCEL1", "+5511987654321").putNull("NUMTELFIXO"),
                List.of()));
        when(preview.preview("clientes", bad)).thenReturn(new PayloadPreview.Result(null, null,
                List.of(new PayloadPreview.FieldError("IDPESSOA", "is not a valid CPF"))));
        mvc.perform(get("/clientes").param("formato", "plusoft").param("limite", "2").header("X-API-Key", WebTestConfiguration.API_KEY))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.formato").value("plusoft"))
                .andExpect(jsonPath("$.proximo").value("/clientes?apos=eyJTRVFQRVNTT0EiOjJ9&limite=2&formato=plusoft"))
                .andExpect(jsonPath("$.itens[0].origem.SEQPESSOA").value(1))
                .andExpect(jsonPath("$.itens[0].chave.IDPESSOA").value("***.***.***-09"))
                .andExpect(jsonPath("$.itens[0].payload.IDPESSOA").value("***.***.***-09"))
                .andExpect(jsonPath("$.itens[0].payload.TXTEMAIL").value("m***@exemplo.com.br"))
                .andExpect(jsonPath("$.itens[0].payload.NUMCEL1").value("+55*********21"))
                .andExpect(jsonPath("$.itens[0].payload.TXTNOMECOMPLETO").value("Maria Teste"))
                .andExpect(jsonPath("$.itens[0].erros").doesNotExist())
                .andExpect(jsonPath("$.itens[1].origem.SEQPESSOA").value(2))
                .andExpect(jsonPath("$.itens[1].payload").doesNotExist())
                .andExpect(jsonPath("$.itens[1].erros[0].campo").value("IDPESSOA"))
                .andExpect(jsonPath("$.itens[1].erros[0].motivo").value("is not a valid CPF"));
    }

    @Test
    void unreadableDatabaseIs503ProblemWithoutItsMessage() throws Exception {
        when(reader.read(any(), anyLong(), anyInt())).thenThrow(new DataAccessResourceFailureException("ORA-12541: secret host"));
        mvc.perform(get("/produtos"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("the Consinco database cannot be read right now; try again later"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.not(containsString("ORA"))));
    }

    @Test
    void unknownRouteAndWrongMethodAreProblems() throws Exception {
        mvc.perform(get("/produtos/1/2"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put("/produtos")
                        .header("X-API-Key", WebTestConfiguration.API_KEY))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(405));
    }

    private void expectBadParameter(String uri, String parameter, String detail) throws Exception {
        mvc.perform(get(uri))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.title").value("Invalid parameter"))
                .andExpect(jsonPath("$.parametro").value(parameter))
                .andExpect(jsonPath("$.detail").value(detail));
    }

    private static ViewPageReader.ViewPage page(boolean more, ObjectNode... rows) {
        return new ViewPageReader.ViewPage(java.util.Arrays.stream(rows)
                .map(r -> new ViewPageReader.ViewRow(Json.mapper().createObjectNode().set("SEQPRODUTO", r.get("SEQPRODUTO")), r))
                .toList(), more);
    }

    private static ObjectNode produto(long seq) {
        return Json.mapper().createObjectNode().put("SEQPRODUTO", seq).put("DESCCOMPLETA", "Produto " + seq);
    }
}
