package br.com.cdcplusoft.gateway.sync;

import br.com.cdcplusoft.core.catalog.EntityCatalog;
import br.com.cdcplusoft.gateway.runs.RunStatus;
import br.com.cdcplusoft.gateway.runs.RunTracker;
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
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Forced re-syncs and their tracked runs: {@code POST /{entidade}/sincronizar},
 * {@code POST /sincronizar}, {@code GET /sincronizacoes[/{id}]}. POST routes require
 * {@code X-API-Key} (checked by the security filter before this controller).
 */
@RestController
@Tag(name = "Sincronização", description = "Full re-syncs (snapshots) and their progress through the pipeline")
final class ResyncController {

    static final String MANUAL = "manual";
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final int MAX_LIST = 500;

    private static final String RUN_EXAMPLE = """
            {"runId":"produtos-20240715T040000-1a2b3c4d","entity":"produtos","forced":true,"trigger":"manual","status":"COMPLETED",
             "counts":{"read":5000,"published":5000,"mapped":5000,"unchanged":0,"delivered":4998,"mapperDeadLettered":0,
                       "sinkDeadLettered":2,"deadLettered":2},
             "startedAt":"2024-07-15T04:00:00Z","extractedAt":"2024-07-15T04:00:09Z","endedAt":"2024-07-15T04:01:30Z",
             "lastEventAt":"2024-07-15T04:01:30Z","errors":[]}""";

    private final EntityCatalog catalog;
    private final ResyncService resyncs;
    private final RunTracker tracker;

    ResyncController(EntityCatalog catalog, ResyncService resyncs, RunTracker tracker) {
        this.catalog = catalog;
        this.resyncs = resyncs;
        this.tracker = tracker;
    }

    @PostMapping("/{entidade}/sincronizar")
    @RequiresKey(Access.ADMIN)
    @Operation(summary = "Re-sync one entity: republish a full snapshot of its view",
            description = "Reads the view in key chunks (constant memory) and publishes every row to consinco.<entidade> with "
                    + "the run id (header pipeline-run-id) and, with forcar=true, the force marker (header pipeline-forced) so "
                    + "that downstream stages send unchanged rows too. Answers at once; follow the run at the Location.",
            security = @SecurityRequirement(name = "apiKey"))
    @Parameter(name = "X-API-Key", in = ParameterIn.HEADER, required = true, description = "the gateway's key (GATEWAY_API_KEY)",
            schema = @Schema(type = "string"))
    @ApiResponse(responseCode = "202", description = "Run started; Location: /sincronizacoes/{id}",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = RunStatus.class),
                    examples = @ExampleObject(value = """
                            {"runId":"produtos-20240715T040000-1a2b3c4d","entity":"produtos","forced":true,"trigger":"manual",
                             "status":"RUNNING","counts":{"read":0,"mapped":0,"unchanged":0,"delivered":0,"mapperDeadLettered":0,
                             "sinkDeadLettered":0,"deadLettered":0},"startedAt":"2024-07-15T04:00:00Z",
                             "lastEventAt":"2024-07-15T04:00:00Z","errors":[]}""")))
    @ApiResponse(responseCode = "400", description = "forcar or confirmarExclusoes is not true or false", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "401", description = "X-API-Key missing or wrong", content = @Content(mediaType = "application/problem+json",
            examples = @ExampleObject(value = """
                    {"type":"about:blank","title":"Unauthorized","status":401,"detail":"missing or invalid X-API-Key","instance":"/produtos/sincronizar"}""")))
    @ApiResponse(responseCode = "404", description = "Unknown entity", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "409", description = "A re-sync of this entity is already running; Location and runId name it",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(value = """
                    {"type":"about:blank","title":"Re-sync already running","status":409,
                     "detail":"a re-sync of 'produtos' is already running: run produtos-20240715T040000-1a2b3c4d",
                     "instance":"/produtos/sincronizar","entidade":"produtos","runId":"produtos-20240715T040000-1a2b3c4d",
                     "statusUrl":"http://localhost:8000/sincronizacoes/produtos-20240715T040000-1a2b3c4d"}""")))
    ResponseEntity<RunStatus> resync(
            @Parameter(description = "Entity", example = "produtos", schema = @Schema(allowableValues = {"filiais", "produtos", "clientes", "vendas"}))
            @PathVariable("entidade") String entidade,
            @Parameter(description = "Mark the run as forced: downstream stages do not drop unchanged rows", example = "true")
            @RequestParam(name = "forcar", required = false) Boolean forcar,
            @Parameter(description = "Confirm the deletes of this run even beyond the delete guard (mapper.max-delete-share,"
                    + " default 10% of the known rows), after a run's status showed deletesRefused", example = "false")
            @RequestParam(name = "confirmarExclusoes", required = false) Boolean confirmarExclusoes) {
        if (catalog.find(entidade).isEmpty()) {
            throw Problems.unknownEntity(entidade, catalog.names());
        }
        try {
            ResyncService.Started started = resyncs.start(entidade, Boolean.TRUE.equals(forcar),
                    Boolean.TRUE.equals(confirmarExclusoes), MANUAL, null);
            return ResponseEntity.accepted().location(location(started.status().runId())).body(started.status());
        } catch (ResyncService.AlreadyRunningException e) {
            throw Problems.runAlreadyRunning(e.entity(), e.runId(), location(e.runId()));
        }
    }

    @PostMapping("/sincronizar")
    @RequiresKey(Access.ADMIN)
    @Operation(summary = "Re-sync every entity of the catalog",
            description = "Starts one run per entity (see POST /{entidade}/sincronizar); entities already running are listed "
                    + "under alreadyRunning. 409 when every entity was already running.",
            security = @SecurityRequirement(name = "apiKey"))
    @Parameter(name = "X-API-Key", in = ParameterIn.HEADER, required = true, description = "the gateway's key (GATEWAY_API_KEY)",
            schema = @Schema(type = "string"))
    @ApiResponse(responseCode = "202", description = "Runs started; Location: /sincronizacoes",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ResyncAllResponse.class)))
    @ApiResponse(responseCode = "401", description = "X-API-Key missing or wrong", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "409", description = "Every entity already has a run", content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<ResyncAllResponse> resyncAll(
            @Parameter(description = "Mark the runs as forced", example = "false")
            @RequestParam(name = "forcar", required = false) Boolean forcar) {
        List<RunStatus> started = new ArrayList<>();
        List<ResyncAllResponse.Skipped> skipped = new ArrayList<>();
        for (String entity : catalog.names()) {
            try {
                started.add(resyncs.start(entity, Boolean.TRUE.equals(forcar), MANUAL, null).status());
            } catch (ResyncService.AlreadyRunningException e) {
                skipped.add(new ResyncAllResponse.Skipped(entity, e.runId(), location(e.runId()).toString()));
            }
        }
        if (started.isEmpty() && !skipped.isEmpty()) {
            ResyncAllResponse.Skipped first = skipped.get(0);
            throw Problems.runAlreadyRunning(first.entidade(), first.runId(), location(first.runId()));
        }
        URI list = ServletUriComponentsBuilder.fromCurrentContextPath().path("/sincronizacoes").build().toUri();
        return ResponseEntity.accepted().location(list).body(new ResyncAllResponse(started, skipped));
    }

    @GetMapping("/sincronizacoes")
    @RequiresKey(value = Access.READ, detailsOnly = true)
    @Operation(summary = "Recent runs, most recent first",
            description = "Runs seen on the runs topic (any replica, the extractor's own snapshots too), at most gateway.runs.keep. "
                    + "Error details (classification and masked excerpt) only with the read or the admin key.")
    @ApiResponse(responseCode = "200", description = "The runs", content = @Content(mediaType = "application/json",
            examples = @ExampleObject(value = "[" + RUN_EXAMPLE + "]")))
    @ApiResponse(responseCode = "400", description = "limite out of range", content = @Content(mediaType = "application/problem+json"))
    List<RunStatus> recent(
            @Parameter(description = "Only runs of this entity", example = "produtos")
            @RequestParam(name = "entidade", required = false) String entidade,
            @Parameter(description = "At most this many runs (1..500)", example = "50")
            @RequestParam(name = "limite", required = false) Integer limite,
            HttpServletRequest request) {
        int limit = limite == null ? 50 : limite;
        if (limit < 1 || limit > MAX_LIST) {
            throw Problems.badParameter("limite", "limite must be between 1 and " + MAX_LIST + ", was " + limit);
        }
        if (entidade != null && catalog.find(entidade).isEmpty()) {
            throw Problems.unknownEntity(entidade, catalog.names());
        }
        List<RunStatus> runs = tracker.recent(limit, entidade);
        return Access.of(request).atLeast(Access.READ) ? runs : runs.stream().map(RunStatus::withoutErrorDetails).toList();
    }

    @GetMapping("/sincronizacoes/{id}")
    @RequiresKey(value = Access.READ, detailsOnly = true)
    @Operation(summary = "Status and progress of one run",
            description = "RUNNING while the extractor reads; PUBLISHED once every row is on the change topic; COMPLETED when "
                    + "delivered + dead-lettered + unchanged reach the rows published; FAILED with errors (classification and "
                    + "masked excerpt, only with the read or the admin key).")
    @ApiResponse(responseCode = "200", description = "The run", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = RunStatus.class), examples = @ExampleObject(value = RUN_EXAMPLE)))
    @ApiResponse(responseCode = "404", description = "Unknown run", content = @Content(mediaType = "application/problem+json"))
    RunStatus status(@Parameter(description = "Run id, as returned by POST", example = "produtos-20240715T040000-1a2b3c4d")
                     @PathVariable("id") String id, HttpServletRequest request) {
        if (!RUN_ID.matcher(id).matches()) {
            throw Problems.notFound("Unknown run", "no run '" + Problems.echo(id) + "' is known to this gateway");
        }
        RunStatus run = tracker.find(id).orElseThrow(
                () -> Problems.notFound("Unknown run", "no run '" + id + "' is known to this gateway"));
        return Access.of(request).atLeast(Access.READ) ? run : run.withoutErrorDetails();
    }

    private static URI location(String runId) {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path("/sincronizacoes/{id}").buildAndExpand(runId).toUri();
    }
}
