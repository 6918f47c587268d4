package br.com.cdcplusoft.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import br.com.cdcplusoft.gateway.WebTestConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The per-client limit (429 + Retry-After) on reads and on failed key attempts, and the API key, through the real filters. */
@WebMvcTest(controllers = RateLimitWebTest.Ping.class,
        properties = {"spring.config.name=api-gateway", "gateway.rate-limit.requests-per-period=3",
                "gateway.rate-limit.period=1m", "gateway.security.api-key=" + WebTestConfiguration.API_KEY})
@Import({WebTestConfiguration.class, SecurityConfiguration.class, RateLimitWebTest.Ping.class})
class RateLimitWebTest {

    @RestController
    static class Ping {
        @GetMapping("/ping")
        String ping() {
            return "pong";
        }

        @PostMapping("/ping")
        String change() {
            return "changed";
        }
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    MeterRegistry meters;

    @Test
    void aClientOverItsLimitGets429WithRetryAfterWhileOthersGoOn() throws Exception {
        for (int i = 0; i < 3; i++) {
            mvc.perform(get("/ping").with(from("10.1.1.1"))).andExpect(status().isOk());
        }
        MvcResult limited = mvc.perform(get("/ping").with(from("10.1.1.1")))
                .andExpect(status().isTooManyRequests())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(header().exists("Retry-After"))
                .andExpect(jsonPath("$.status").value(429))
                .andExpect(jsonPath("$.instance").value("/ping"))
                .andReturn();
        long retryAfter = Long.parseLong(limited.getResponse().getHeader("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 60L);
        assertThat(limited.getResponse().getContentAsString())
                .contains("rate limit of 3 requests per PT1M exceeded for this client; retry after " + retryAfter + " s");
        assertThat(meters.counter("gateway.rate_limit.rejected").count()).isGreaterThanOrEqualTo(1);

        mvc.perform(get("/ping").with(from("10.1.1.2"))).andExpect(status().isOk());
        // a POST with the right key takes nothing from the allowance, but a client with nothing left is refused
        // before its key is compared; docs and actuator are exempt
        mvc.perform(post("/ping").with(from("10.1.1.2")).header("X-API-Key", WebTestConfiguration.API_KEY)).andExpect(status().isOk());
        mvc.perform(post("/ping").with(from("10.1.1.1")).header("X-API-Key", WebTestConfiguration.API_KEY))
                .andExpect(status().isTooManyRequests());
        int docs = mvc.perform(get("/docs").with(from("10.1.1.1"))).andReturn().getResponse().getStatus();
        int actuator = mvc.perform(get("/actuator/health").with(from("10.1.1.1"))).andReturn().getResponse().getStatus();
        assertThat(docs).isNotEqualTo(429);
        assertThat(actuator).isNotEqualTo(429);
    }

    @Test
    void postWithTheRightKeyPassesAndWithoutItIs401() throws Exception {
        mvc.perform(post("/ping").with(from("10.2.2.2")).header("X-API-Key", WebTestConfiguration.API_KEY))
                .andExpect(status().isOk());
        mvc.perform(post("/ping").with(from("10.2.2.2")).header("X-API-Key", WebTestConfiguration.API_KEY + "x"))
                .andExpect(status().isUnauthorized());
        mvc.perform(post("/ping").with(from("10.2.2.2")))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void failedKeyAttemptsCountLikeReadsAndAnExhaustedClientIsRefusedBeforeItsKeyIsCompared() throws Exception {
        for (int i = 0; i < 3; i++) {
            mvc.perform(post("/ping").with(from("10.3.3.3")).header("X-API-Key", "guess-number-" + i + "-0123456789"))
                    .andExpect(status().isUnauthorized());
        }
        // three failed attempts used the allowance: even the right key is not compared any more
        mvc.perform(post("/ping").with(from("10.3.3.3")).header("X-API-Key", WebTestConfiguration.API_KEY))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().exists("Retry-After"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/ping").with(from("10.3.3.3"))).andExpect(status().isTooManyRequests());
        // a wrong key on a GET is a failed attempt too (one permission, like any read)
        for (int i = 0; i < 3; i++) {
            mvc.perform(get("/ping").with(from("10.3.3.4")).header("X-API-Key", "wrong-" + i + "-0123456789abcdef"))
                    .andExpect(status().isUnauthorized());
        }
        mvc.perform(get("/ping").with(from("10.3.3.4"))).andExpect(status().isTooManyRequests());
        // admin POSTs with the right key take nothing from the allowance
        for (int i = 0; i < 5; i++) {
            mvc.perform(post("/ping").with(from("10.3.3.5")).header("X-API-Key", WebTestConfiguration.API_KEY)).andExpect(status().isOk());
        }
        mvc.perform(get("/ping").with(from("10.3.3.5"))).andExpect(status().isOk());
    }

    @Test
    void forwardingHeadersFromAnUntrustedPeerDoNotChangeTheClient() throws Exception {
        for (int i = 0; i < 3; i++) {
            int n = i;
            mvc.perform(get("/ping").with(from("10.4.4.4")).header("X-Forwarded-For", "203.0.113." + n)).andExpect(status().isOk());
        }
        mvc.perform(get("/ping").with(from("10.4.4.4")).header("X-Forwarded-For", "203.0.113.99"))
                .andExpect(status().isTooManyRequests());
    }

    private static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }
}
