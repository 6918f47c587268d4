package br.com.cdcplusoft.gateway.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import br.com.cdcplusoft.core.json.Json;
import br.com.cdcplusoft.core.run.RunEvent;
import br.com.cdcplusoft.gateway.WebTestConfiguration;
import br.com.cdcplusoft.gateway.dlq.DeadLetterQueues;
import br.com.cdcplusoft.gateway.runs.RunStatus;
import br.com.cdcplusoft.gateway.runs.RunTracker;
import br.com.cdcplusoft.gateway.security.SecurityConfiguration;
import br.com.cdcplusoft.gateway.sync.ResyncService;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.stubbing.Answer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every route of the API × {no key, read key, admin key, wrong key}, through the real filters,
 * interceptor and controllers (their services mocked): who gets in, who gets 401 or 403, and that
 * a run's error details are shown only with a key. The expected table is the API table of the README.
 */
// the console (its own package) reads Kafka on a schedule and needs no key: PainelBrowserIT and GatewayIT cover it
@WebMvcTest(properties = {"spring.config.name=api-gateway", "gateway.rate-limit.requests-per-period=100000",
        "gateway.security.api-key=" + WebTestConfiguration.API_KEY, "gateway.security.read-api-key=" + WebTestConfiguration.READ_KEY},
        excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = "br\\.com\\.cdcplusoft\\.gateway\\.console\\..*"))
@Import({WebTestConfiguration.class, SecurityConfiguration.class, RouteKeysWebTest.Tracker.class})
class RouteKeysWebTest {

    private static final String WRONG = "not-a-key-of-this-gateway-0000";

    @TestConfiguration(proxyBeanMethods = false)
    static class Tracker {
        @Bean
        RunTracker runTracker() {
            return new RunTracker(100, Duration.ofMinutes(10), Clock.systemUTC());
        }
    }

    /** What a caller gets on one route: OK (2xx), OK but without the error details, 401 or 403. */
    enum Outcome { OK, OK_WITHOUT_DETAILS, UNAUTHORIZED, FORBIDDEN }

    /** One route and what each caller gets: no key, read key, admin key (a wrong key is always 401). */
    record Route(HttpMethod method, String path, Outcome noKey, Outcome readKey, Outcome adminKey) {
    }

    private static final List<Route> ROUTES = List.of(
            new Route(HttpMethod.GET, "/filiais", Outcome.OK, Outcome.OK, Outcome.OK),
            new Route(HttpMethod.GET, "/produtos", Outcome.OK, Outcome.OK, Outcome.OK),
            new Route(HttpMethod.GET, "/produtos?formato=plusoft", Outcome.OK, Outcome.OK, Outcome.OK),
            new Route(HttpMethod.GET, "/clientes", Outcome.UNAUTHORIZED, Outcome.OK, Outcome.OK),
            new Route(HttpMethod.GET, "/clientes?formato=plusoft", Outcome.UNAUTHORIZED, Outcome.OK, Outcome.OK),
            new Route(HttpMethod.GET, "/vendas", Outcome.UNAUTHORIZED, Outcome.OK, Outcome.OK),
            new Route(HttpMethod.GET, "/dlq", Outcome.UNAUTHORIZED, Outcome.OK, Outcome.OK),
            new Route(HttpMethod.GET, "/sincronizacoes", Outcome.OK_WITHOUT_DETAILS, Outcome.OK, Outcome.OK),
            new Route(HttpMethod.GET, "/sincronizacoes/clientes-1", Outcome.OK_WITHOUT_DETAILS, Outcome.OK, Outcome.OK),
            new Route(HttpMethod.POST, "/clientes/sincronizar", Outcome.UNAUTHORIZED, Outcome.FORBIDDEN, Outcome.OK),
            new Route(HttpMethod.POST, "/sincronizar", Outcome.UNAUTHORIZED, Outcome.FORBIDDEN, Outcome.OK),
            new Route(HttpMethod.POST, "/dlq/clientes/reprocessar", Outcome.UNAUTHORIZED, Outcome.FORBIDDEN, Outcome.OK));

    @Autowired
    MockMvc mvc;

    @Autowired
    RunTracker tracker;

    @Autowired
    MeterRegistry meters;

    @MockitoBean
    ViewPageReader reader;

    @MockitoBean
    PayloadPreview preview;

    @MockitoBean
    ResyncService resyncs;

    @MockitoBean
    DeadLetterQueues queues;

    @BeforeEach
    void services() {
        ObjectNode row = Json.mapper().createObjectNode().put("ID", 1);
        when(reader.read(any(), anyLong(), anyInt())).thenReturn(new ViewPageReader.ViewPage(
                List.of(new ViewPageReader.ViewRow(row.deepCopy(), row)), false));
        when(preview.preview(anyString(), any())).thenReturn(new PayloadPreview.Result(row, row, List.of()));
        Answer<ResyncService.Started> started = inv -> {
            Instant now = Instant.parse("2024-07-15T04:00:00Z");
            return new ResyncService.Started(new RunStatus(inv.getArgument(0) + "-2", inv.getArgument(0), false, "manual",
                    RunStatus.State.RUNNING, new RunStatus.Counts(0, null, 0, 0, 0, 0, 0, 0), now, null, null, now, List.of()),
                    Path.of("Logs"));
        };
        // one entity's route passes confirmarExclusoes, the all-entities route does not
        when(resyncs.start(anyString(), anyBoolean(), anyBoolean(), anyString(), any())).thenAnswer(started);
        when(resyncs.start(anyString(), anyBoolean(), anyString(), any())).thenAnswer(started);
        // queues.list and queues.redrive answer null (an empty 200 / 202): only who gets in matters here
        Instant t0 = Instant.parse("2024-07-15T04:00:00Z");
        tracker.apply(new RunEvent("clientes-1", "clientes", RunEvent.Kind.STARTED, false, t0, 0, "manual"));
        tracker.apply(new RunEvent("clientes-1", "clientes", RunEvent.Kind.FAILED, false, t0.plusSeconds(1), 0,
                "ORA-01722: invalid number"));
    }

    @Test
    void everyRouteWithEveryKindOfKey() throws Exception {
        Map<String, String> mismatches = new TreeMap<>();
        List<String> checked = new ArrayList<>();
        for (Route route : ROUTES) {
            check(route, null, route.noKey(), mismatches);
            check(route, WebTestConfiguration.READ_KEY, route.readKey(), mismatches);
            check(route, WebTestConfiguration.API_KEY, route.adminKey(), mismatches);
            check(route, WRONG, Outcome.UNAUTHORIZED, mismatches);
            checked.add(route.method() + " " + route.path());
        }
        assertThat(mismatches).as("routes answering otherwise than the README's table").isEmpty();
        assertThat(checked).hasSize(ROUTES.size());
        // every refusal for a missing or wrong key is counted (forbidden read keys are not failed attempts)
        long unauthorized = ROUTES.stream().filter(r -> r.noKey() == Outcome.UNAUTHORIZED).count() + ROUTES.size();
        assertThat(meters.counter("gateway.api_key.rejected").count()).isEqualTo(unauthorized);
    }

    @Test
    void openEntitiesAreConfigurationAndAWrongKeyIsRefusedOnOpenRoutesToo() throws Exception {
        MockHttpServletResponse open = mvc.perform(request(HttpMethod.GET, "/filiais").header("X-API-Key", WRONG)).andReturn().getResponse();
        assertThat(open.getStatus()).isEqualTo(401);
        assertThat(open.getContentType()).isEqualTo("application/problem+json");
        assertThat(open.getHeader("WWW-Authenticate")).isEqualTo("ApiKey header=\"X-API-Key\"");
        // an unknown entity is not open: nothing about it is said without a key
        assertThat(mvc.perform(request(HttpMethod.GET, "/fornecedores")).andReturn().getResponse().getStatus()).isEqualTo(401);
        // Actuator and the docs never refuse a key they do not need
        assertThat(mvc.perform(request(HttpMethod.GET, "/actuator/health").header("X-API-Key", WRONG)).andReturn().getResponse()
                .getStatus()).isNotEqualTo(401);
    }

    private void check(Route route, String key, Outcome expected, Map<String, String> mismatches) throws Exception {
        MockHttpServletRequestBuilder request = request(route.method(), route.path());
        if (key != null) {
            request.header("X-API-Key", key);
        }
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
        String body = response.getContentAsString();
        Outcome actual = switch (response.getStatus()) {
            case 401 -> Outcome.UNAUTHORIZED;
            case 403 -> Outcome.FORBIDDEN;
            case 200, 202 -> route.path().startsWith("/sincronizacoes") && !body.contains("\"classificacao\":\"DATABASE\"")
                    ? Outcome.OK_WITHOUT_DETAILS : Outcome.OK;
            default -> null;
        };
        if (actual != expected) {
            mismatches.put(route.method() + " " + route.path() + " with " + (key == null ? "no key" : key.equals(WRONG) ? "a wrong key"
                    : key.equals(WebTestConfiguration.API_KEY) ? "the admin key" : "the read key"),
                    "expected " + expected + ", got " + response.getStatus() + " " + body);
        }
        if (response.getStatus() >= 400) {
            assertThat(response.getContentType()).isEqualTo("application/problem+json");
        }
    }
}
