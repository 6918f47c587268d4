package br.com.cdcplusoft.gateway.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import br.com.cdcplusoft.gateway.WebTestConfiguration;
import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** Errors the container forwards to /error (before Spring MVC) are problems too. */
@WebMvcTest(controllers = ProblemErrorController.class, properties = "spring.config.name=api-gateway")
@Import(WebTestConfiguration.class)
class ErrorRouteWebTest {

    @Autowired
    MockMvc mvc;

    @Test
    void aContainerErrorIsRenderedAsAProblemWithItsStatus() throws Exception {
        mvc.perform(get("/error").requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 400)
                        .requestAttr(RequestDispatcher.ERROR_REQUEST_URI, "/produtos"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.title").value("Bad Request"))
                .andExpect(jsonPath("$.detail").value("the request is malformed or not allowed"))
                .andExpect(jsonPath("$.instance").value("/produtos"));
    }

    @Test
    void anUnknownOrMissingStatusIsAnInternalErrorWithoutDetails() throws Exception {
        mvc.perform(get("/error"))
                .andExpect(status().isInternalServerError())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("the gateway could not answer this request; the error is logged"));
    }
}
