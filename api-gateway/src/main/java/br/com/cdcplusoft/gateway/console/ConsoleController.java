package br.com.cdcplusoft.gateway.console;

import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The operator console: the page on {@code /painel} (static files under {@code /painel/}), linked from {@code /}, and the
 * JSON it reads every few seconds, {@code GET /painel/estado}, which scripts and monitoring can read
 * too. The page's buttons call the API's own POST routes with the key the operator typed.
 */
@Controller
@Tag(name = "Painel", description = "The operator console and the state it shows")
final class ConsoleController {

    private static final Resource HOME = new ClassPathResource("static/index.html");

    private final ConsoleService console;

    ConsoleController(ConsoleService console) {
        this.console = console;
    }

    /** The root: links to the console, the API docs and the JSON (served here, since GET /{entidade} would claim /index.html). */
    @GetMapping("/")
    @Hidden
    ResponseEntity<Resource> home() {
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(HOME);
    }

    @GetMapping("/painel")
    @Hidden
    String page() {
        return "forward:/painel/index.html";
    }

    @GetMapping(value = "/painel/estado", produces = "application/json")
    @ResponseBody
    @Operation(summary = "The pipeline's state, as the console shows it",
            description = "Per entity: rows in the source view (counted every gateway.console.count-every), records delivered to "
                    + "Plusoft and the last delivery (from the sinks' status topic), how far behind each stage is (extractor: its "
                    + "stored cursor against the newest change in the view; mapper and sink: their consumer groups' lag in records "
                    + "and an estimate in seconds at the rate of the last minute). Also the sinks' circuit breaker toward Plusoft, the "
                    + "running and recent re-sync runs with per-stage progress in percent, the next nightly run, dead letters per entity "
                    + "and stage with the latest reasons (keys masked), and the last hour's deliveries per minute and lag per entity. "
                    + "Gathered every gateway.console.refresh; times are UTC instants, the page shows them in America/Sao_Paulo.")
    @ApiResponse(responseCode = "200", description = "The state", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = ConsoleState.class), examples = @ExampleObject(value = """
                    {"geradoEm":"2024-07-15T13:00:05Z","fusoHorario":"America/Sao_Paulo","atualizarACadaSegundos":5,
                     "plusoft":{"circuito":"CLOSED","sinksAtivos":1,"relatadoEm":"2024-07-15T13:00:03Z"},
                     "entidades":[{"entidade":"produtos","linhasNaView":5000,"linhasContadasEm":"2024-07-15T12:59:40Z",
                       "entregues":10000,"mortasNoSink":0,"ultimaEntrega":"2024-07-15T12:58:10Z",
                       "extrator":{"cursor":"2024-07-15T09:58:09","cursorSalvoEm":"2024-07-15T12:58:09Z","idadeSegundos":116,
                                   "atrasoSegundos":0,"semCursor":false},
                       "mapper":{"grupo":"plusoft-mapper","lag":0,"registrosPorSegundo":0.0,"estimativaSegundos":0},
                       "sink":{"grupo":"plusoft-sink","lag":1200,"registrosPorSegundo":400.0,"estimativaSegundos":3}}],
                     "execucoes":{"proximaNoturna":"2024-07-16T04:00:00Z","recentes":[{"run":{"runId":"produtos-20240715T125800-1a2b3c4d",
                       "entity":"produtos","forced":true,"trigger":"manual","status":"PUBLISHED","counts":{"read":5000,"published":5000,
                       "mapped":5000,"unchanged":0,"delivered":3800,"mapperDeadLettered":0,"sinkDeadLettered":0,"deadLettered":0},
                       "startedAt":"2024-07-15T12:58:00Z","extractedAt":"2024-07-15T12:58:06Z","errors":[]},"duracaoSegundos":125,
                       "total":5000,"progresso":{"lidos":100,"publicados":100,"mapeados":100,"entregues":76}}]},
                     "filasMortas":[{"entidade":"clientes","mapper":{"topico":"consinco.clientes.dlq","total":2,"pendentes":2,
                       "ultimos":[{"em":"2024-07-15T12:40:00Z","motivo":"is not a valid CPF (wrong check digits)","campo":"IDPESSOA",
                       "chave":{"SEQPESSOA":997},"reprocessado":false}]},"sink":{"topico":"plusoft.clientes.dlq","total":0,"pendentes":0,
                       "ultimos":[]}}],
                     "historico":{"entreguesPorMinuto":[{"minuto":"2024-07-15T12:59:00Z","entregues":{"produtos":5000}}],
                       "lag":[{"em":"2024-07-15T13:00:05Z","lag":{"produtos":1200}}]},
                     "avisos":[]}""")))
    ResponseEntity<ConsoleState> state() {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(console.state());
    }
}
