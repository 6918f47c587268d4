package br.com.cdcplusoft.gateway.read;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One page of {@code GET /{entidade}}.
 *
 * @param itens the rows (formato=consinco) or the mapped payloads (formato=plusoft)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "One page of an entity's integration view, in key order")
record PageResponse(
        @Schema(example = "produtos") String entidade,
        @Schema(example = "consinco", allowableValues = {"consinco", "plusoft"}) String formato,
        @Schema(description = "rows skipped", example = "0") long pular,
        @Schema(description = "the continuation this page started after, when it was asked with apos") String apos,
        @Schema(description = "page size asked for", example = "100") int limite,
        @Schema(description = "rows in this page", example = "100") int quantidade,
        @Schema(description = "whether at least one more row follows this page") boolean temMais,
        @Schema(description = "the next page, when temMais: a keyset continuation after this page's last row",
                example = "/produtos?apos=eyJTRVFQUk9EVVRPIjoxMDB9&limite=100") String proximo,
        List<JsonNode> itens) {
}
