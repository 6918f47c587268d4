package br.com.cdcplusoft.gateway.web;

import br.com.cdcplusoft.core.json.Json;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a problem response from a servlet filter, which runs before Spring MVC and its exception
 * handling: same {@code application/problem+json} shape as {@link ProblemHandler}'s.
 */
public final class ProblemWriter {

    private ProblemWriter() {
    }

    public static void write(HttpServletResponse response, HttpStatus status, String title, String detail, String instance)
            throws IOException {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status.value());
        body.put("detail", detail);
        if (instance != null) {
            body.put("instance", Problems.echo(instance));
        }
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        // JSON is UTF-8 by definition (RFC 8259): no charset parameter, as Spring MVC writes problems
        response.getOutputStream().write(Json.mapper().writeValueAsBytes(body));
    }
}
