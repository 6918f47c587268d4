package br.com.cdcplusoft.gateway.read;

import br.com.cdcplusoft.core.catalog.EntityCatalog;
import br.com.cdcplusoft.core.catalog.EntityDefinition;
import br.com.cdcplusoft.core.json.Json;
import br.com.cdcplusoft.gateway.config.GatewayProperties;
import br.com.cdcplusoft.gateway.security.Access;
import br.com.cdcplusoft.gateway.security.RequiresKey;
import br.com.cdcplusoft.gateway.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /{entidade}?pular=0&limite=100[&formato=plusoft]}: the original middleware's read
 * route, one page of the entity's integration view in key order. {@code formato=plusoft} shows
 * what the mapper would send for each row (or the field errors that would dead-letter it).
 * Personal data is masked unless {@code gateway.mask-personal-data} is false. Entities not in
 * {@code gateway.security.open-entities} need the read or the admin key. {@code pular} is capped
 * ({@code gateway.reads.max-skip}) and {@code proximo} is a keyset continuation ({@code apos}), so no
 * caller can make the ERP skip over a large part of a view again and again.
 */
@RestController
@Tag(name = "Leitura", description = "Paginated reads of the Consinco integration views")
final class EntityReadController {

    static final String CONSINCO = "consinco";
    static final String PLUSOFT = "plusoft";

    private final EntityCatalog catalog;
    private final ViewPageReader reader;
    private final PayloadPreview preview;
    private final GatewayProperties properties;

    EntityReadController(EntityCatalog catalog, ViewPageReader reader, PayloadPreview preview, GatewayProperties properties) {
        this.catalog = catalog;
        this.reader = reader;
        this.preview = preview;
        this.properties = properties;
    }

    @GetMapping("/{entidade}")
    @RequiresKey(value = Access.READ, openEntityVariable = "entidade")
    @Operation(summary = "Read one page of an entity's integration view",
            description = "Rows in stable key order. `formato=plusoft` returns each row's Plusoft key and payload as the "
                    + "mapper would send it, or the field errors that would send it to the dead-letter topic. CPF/CNPJ, "
                    + "e-mail and phone numbers are masked unless gateway.mask-personal-data is false. `pular` goes up to "
                    + "gateway.reads.max-skip (100000); deeper pages follow `proximo`, a keyset continuation (`apos`) that costs "
                    + "the ERP what the first page does. Every query has a timeout (gateway.reads.query-timeout, 503). "
                    + "GET requests are rate-limited per client (429 with Retry-After).")
    @ApiResponse(responseCode = "200", description = "One page", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = PageResponse.class), examples = @ExampleObject(name = "produtos", value = """
                    {"entidade":"produtos","formato":"consinco","pular":0,"limite":2,"quantidade":2,"temMais":true,
                     "proximo":"/produtos?apos=eyJTRVFQUk9EVVRPIjoyfQ&limite=2","itens":[
                     {"SEQPRODUTO":1,"DESCCOMPLETA":"Arroz Tipo 1 5kg Tio Joao","DESCREDUZIDA":"ARROZ TIPO 1","SEQFAMILIA":11,
                      "FAMILIA":"ARROZ TIPO 1","PESAVEL":"N","SEQMARCA":3,"MARCA":"Tio Joao",
                      "DTAHORINCLUSAO":"2023-02-11T09:30:00","DTAHORALTERACAO":"2024-07-15T10:02:11"},
                     {"SEQPRODUTO":2,"DESCCOMPLETA":"Feijao Preto 1kg Camil","DESCREDUZIDA":"FEIJAO PRETO","SEQFAMILIA":4,
                      "FAMILIA":"FEIJAO PRETO","PESAVEL":"N","SEQMARCA":1,"MARCA":"Camil",
                      "DTAHORINCLUSAO":"2022-11-30T14:00:00","DTAHORALTERACAO":"2024-06-01T08:15:00"}]}""")))
    @ApiResponse(responseCode = "400", description = "pular (above gateway.reads.max-skip too), apos, limite or formato invalid",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(value = """
                    {"type":"about:blank","title":"Invalid parameter","status":400,
                     "detail":"limite must be between 1 and 500, was 0","instance":"/produtos","parametro":"limite"}""")))
    @ApiResponse(responseCode = "404", description = "Unknown entity", content = @Content(mediaType = "application/problem+json",
            examples = @ExampleObject(value = """
                    {"type":"about:blank","title":"Unknown entity","status":404,
                     "detail":"unknown entity 'fornecedores'; known entities: filiais, produtos, clientes, vendas","instance":"/fornecedores"}""")))
    @ApiResponse(responseCode = "401", description = "An entity that is not open, without the read or the admin key; or a wrong key",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "429", description = "Too many requests from this client; see Retry-After",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "503", description = "The database cannot be read, or the query outlasted gateway.reads.query-timeout",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(value = """
                    {"type":"about:blank","title":"Query timeout","status":503,"classificacao":"DATABASE_TIMEOUT",
                     "detail":"the query did not finish within 10 s and was cancelled; ask for a smaller page or follow proximo",
                     "instance":"/vendas"}""")))
    PageResponse read(
            @Parameter(description = "Entity", example = "produtos", schema = @Schema(allowableValues = {"filiais", "produtos", "clientes", "vendas"}))
            @PathVariable("entidade") String entidade,
            @Parameter(description = "Rows to skip (>= 0)", example = "0")
            @RequestParam(name = "pular", required = false) Long pular,
            @Parameter(description = "Continue after this row: the opaque token of `proximo` (keyset continuation; not with pular)")
            @RequestParam(name = "apos", required = false) String apos,
            @Parameter(description = "Rows per page (1..gateway.paging.max-limit, default gateway.paging.default-limit: 100 of at most 500)", example = "100")
            @RequestParam(name = "limite", required = false) Integer limite,
            @Parameter(description = "consinco (the view's rows, default) or plusoft (the mapped payloads)", example = "consinco",
                    schema = @Schema(allowableValues = {CONSINCO, PLUSOFT}))
            @RequestParam(name = "formato", required = false) String formato) {
        EntityDefinition entity = catalog.find(entidade).orElseThrow(() -> Problems.unknownEntity(entidade, catalog.names()));
        long skip = pular == null ? 0 : pular;
        if (skip < 0) {
            throw Problems.badParameter("pular", "pular must be 0 or more, was " + skip);
        }
        long maxSkip = properties.reads().maxSkip();
        if (skip > maxSkip) {
            throw Problems.badParameter("pular", "pular must be at most " + maxSkip + " (gateway.reads.max-skip), was " + skip
                    + "; for deeper pages follow proximo, which continues after the last row read (apos) at no extra cost to the ERP");
        }
        ObjectNode after = apos == null ? null : KeysetToken.decode(apos, entity);
        if (after != null && pular != null && pular != 0) {
            throw Problems.badParameter("apos", "apos and pular cannot be combined: apos already says where the page starts");
        }
        GatewayProperties.Paging paging = properties.paging();
        int limit = limite == null ? paging.defaultLimit() : limite;
        if (limit < 1 || limit > paging.maxLimit()) {
            throw Problems.badParameter("limite", "limite must be between 1 and " + paging.maxLimit() + ", was " + limit);
        }
        String format = formato == null || formato.isBlank() ? CONSINCO : formato.strip();
        if (!format.equals(CONSINCO) && !format.equals(PLUSOFT)) {
            throw Problems.badParameter("formato", "formato must be consinco or plusoft, was '" + Problems.echo(format) + "'");
        }
        ViewPageReader.ViewPage page = after == null ? reader.read(entity, skip, limit) : reader.readAfter(entity, after, limit);
        List<JsonNode> items = new ArrayList<>(page.rows().size());
        for (ViewPageReader.ViewRow row : page.rows()) {
            items.add(format.equals(PLUSOFT) ? mapped(entity.name(), row) : maskRow(row.row()));
        }
        // the continuation is a keyset, never a larger offset: following proximo costs the same at any depth
        String next = page.hasMore() && !page.rows().isEmpty()
                ? "/" + entity.name() + "?apos=" + KeysetToken.encode(page.rows().get(page.rows().size() - 1).key()) + "&limite=" + limit
                + (format.equals(PLUSOFT) ? "&formato=plusoft" : "")
                : null;
        return new PageResponse(entity.name(), format, after == null ? skip : 0, after == null ? null : apos, limit, items.size(),
                page.hasMore(), next, items);
    }

    private JsonNode maskRow(ObjectNode row) {
        return properties.maskPersonalData() ? PersonalDataMasker.maskSourceRow(row) : row;
    }

    private JsonNode mapped(String entity, ViewPageReader.ViewRow row) {
        PayloadPreview.Result result = preview.preview(entity, row.row());
        ObjectNode item = Json.mapper().createObjectNode();
        item.set("origem", row.key());
        if (result.errors().isEmpty()) {
            boolean mask = properties.maskPersonalData();
            item.set("chave", mask ? PersonalDataMasker.maskPayload(result.key()) : result.key());
            item.set("payload", mask ? PersonalDataMasker.maskPayload(result.payload()) : result.payload());
        } else {
            ArrayNode errors = item.putArray("erros");
            for (PayloadPreview.FieldError error : result.errors()) {
                errors.addObject().put("campo", error.campo()).put("motivo", error.motivo());
            }
        }
        return item;
    }
}
