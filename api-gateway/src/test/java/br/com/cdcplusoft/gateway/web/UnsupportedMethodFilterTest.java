package br.com.cdcplusoft.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.cdcplusoft.core.json.Json;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;

/** Methods without any route are a 405 problem before anything runs; routed methods pass. */
class UnsupportedMethodFilterTest {

    private final UnsupportedMethodFilter filter = new UnsupportedMethodFilter();

    @Test
    void unknownConnectAndTraceAre405ProblemsWithAllow() throws Exception {
        for (String method : new String[] {"FOO", "CONNECT", "TRACE", "PROPFIND"}) {
            MockHttpServletResponse response = new MockHttpServletResponse();
            MockFilterChain chain = new MockFilterChain();
            filter.doFilter(new MockHttpServletRequest(method, "/produtos"), response, chain);
            assertThat(chain.getRequest()).as(method + " reached the application").isNull();
            assertThat(response.getStatus()).isEqualTo(405);
            assertThat(response.getContentType()).isEqualTo("application/problem+json");
            assertThat(response.getHeader("Allow")).isEqualTo("GET, HEAD, POST, OPTIONS");
            JsonNode body = Json.mapper().readTree(response.getContentAsByteArray());
            assertThat(body.get("status").asInt()).isEqualTo(405);
            assertThat(body.get("detail").asString()).isEqualTo("method '" + method + "' is not supported");
        }
    }

    @Test
    void routedMethodsPassThrough() throws Exception {
        for (String method : UnsupportedMethodFilter.ROUTED) {
            MockFilterChain chain = new MockFilterChain();
            filter.doFilter(new MockHttpServletRequest(method, "/produtos"), new MockHttpServletResponse(), chain);
            assertThat(chain.getRequest()).as(method).isNotNull();
        }
    }
}
