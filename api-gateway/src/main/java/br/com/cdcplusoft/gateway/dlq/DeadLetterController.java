package br.com.cdcplusoft.gateway.dlq;

import br.com.cdcplusoft.core.catalog.EntityCatalog;
import br.com.cdcplusoft.gateway.config.GatewayProperties;
import br.com.cdcplusoft.gateway.security.Access;
import br.com.cdcplusoft.gateway.security.RequiresKey;
import br.com.cdcplusoft.gateway.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Dead letters: {@code GET /dlq} lists them per entity (counts and the latest ones of the mapper's
 * {@code consinco.<e>.dlq} and the sink's {@code plusoft.<e>.dlq}, personal data masked);
 * {@code POST /dlq/{entidade}/reprocessar} re-drives those not re-driven yet, once the mapping (or
 * Plusoft) is fixed. The listing needs the read or the admin key, the re-drive the admin key.
 */
@RestController
@Tag(name = "Dead letters", description = "Records the mapper or the sink could not handle: list and re-drive")
final class DeadLetterController {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterController.class);

    private final EntityCatalog catalog;
    private final DeadLetterQueues queues;
    private final GatewayProperties properties;

    DeadLetterController(EntityCatalog catalog, DeadLetterQueues queues, GatewayProperties properties) {
        this.catalog = catalog;
        this.queues = queues;
        this.properties = properties;
    }

    @GetMapping("/dlq")
    @RequiresKey(Access.READ)
    @Operation(summary = "Dead letters per entity",
            description = "For each entity, the mapper's (consinco.<entidade>.dlq) and the sink's (plusoft.<entidade>.dlq) dead-letter "
                    + "topics: how many, how many not re-driven yet, and the latest ones with a classification and a masked excerpt of "
                    + "their reason. Keys are shown with CPF/CNPJ, e-mail and phone numbers masked; payloads are never shown.")
    @ApiResponse(responseCode = "200", description = "The dead letters", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = DeadLetterOverview.class), examples = @ExampleObject(value = """
                    {"entidades":[{"entidade":"clientes",
                      "mapper":{"topico":"consinco.clientes.dlq","total":1,"pendentes":1,"truncado":false,"ultimos":[
                        {"particao":2,"offset":0,"em":"2024-07-15T10:02:11Z","classificacao":"MAPPING","motivo":"is not a valid CPF (wrong check digits)",
                         "campo":"IDPESSOA","chave":{"SEQPESSOA":997},"origem":{"topico":"consinco.clientes","particao":2,"offset":41},
                         "reprocessado":false,"reprocessavel":true}]},
                      "sink":{"topico":"plusoft.clientes.dlq","total":0,"pendentes":0,"truncado":false,"ultimos":[]}}]}""")))
    @ApiResponse(responseCode = "400", description = "limite out of range", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "503", description = "The broker cannot be read now", content = @Content(mediaType = "application/problem+json"))
    DeadLetterOverview list(
            @Parameter(description = "Latest dead letters listed per topic (1..gateway.dead-letters.max-latest, default 10)", example = "10")
            @RequestParam(name = "limite", required = false) Integer limite) {
        GatewayProperties.DeadLetters settings = properties.deadLetters();
        int latest = limite == null ? settings.latest() : limite;
        if (latest < 1 || latest > settings.maxLatest()) {
            throw Problems.badParameter("limite", "limite must be between 1 and " + settings.maxLatest() + ", was " + latest);
        }
        return queues.list(latest);
    }

    @PostMapping("/dlq/{entidade}/reprocessar")
    @RequiresKey(Access.ADMIN)
    @Operation(summary = "Re-drive an entity's dead letters",
            description = "Re-publishes every dead letter of the entity not re-driven yet: the mapper's original change event to "
                    + "consinco.<entidade>, the sink's original payload to plusoft.<entidade>, each to its original partition. Fix the "
                    + "mapping (or have Plusoft fixed) first: a record that fails again becomes a new dead letter. A dead letter whose "
                    + "row was written again after it is skipped (obsoletos): re-publishing it would overwrite the newer version. "
                    + "Answers once the records are re-published; delivery follows through the pipeline.",
            security = @SecurityRequirement(name = "apiKey"))
    @Parameter(name = "X-API-Key", in = ParameterIn.HEADER, required = true, description = "the gateway's key (GATEWAY_API_KEY)",
            schema = @Schema(type = "string"))
    @ApiResponse(responseCode = "202", description = "Re-published; the pipeline delivers them", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = RedriveResult.class), examples = @ExampleObject(value = """
                    {"entidade":"clientes","mapper":{"lidos":2,"reprocessados":1,"obsoletos":1,"ignorados":0},
                     "sink":{"lidos":0,"reprocessados":0,"obsoletos":0,"ignorados":0}}""")))
    @ApiResponse(responseCode = "401", description = "X-API-Key missing or wrong", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "Unknown entity", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "409", description = "A re-drive of this entity is already running", content = @Content(
            mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "503", description = "The broker cannot be read or written now; nothing was marked re-driven",
            content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<RedriveResult> redrive(
            @Parameter(description = "Entity", example = "clientes", schema = @Schema(allowableValues = {"filiais", "produtos", "clientes", "vendas"}))
            @PathVariable("entidade") String entidade) {
        if (catalog.find(entidade).isEmpty()) {
            throw Problems.unknownEntity(entidade, catalog.names());
        }
        try {
            return ResponseEntity.accepted().body(queues.redrive(entidade));
        } catch (DeadLetterQueues.RedriveRunningException e) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
            problem.setTitle("Re-drive already running");
            problem.setProperty("entidade", entidade);
            throw new org.springframework.web.ErrorResponseException(HttpStatus.CONFLICT, problem, null);
        }
    }

    @ExceptionHandler(DeadLetterQueues.UnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(DeadLetterQueues.UnavailableException e) {
        log.warn("Dead-letter route failed: {}", e.getMessage());
        ProblemDetail problem = Problems.unavailable("Broker unavailable",
                "the dead-letter topics cannot be read or written right now; nothing was marked re-driven; try again later").getBody();
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "30").body(problem);
    }
}
