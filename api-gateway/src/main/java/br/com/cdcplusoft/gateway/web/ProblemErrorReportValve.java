package br.com.cdcplusoft.gateway.web;

import br.com.cdcplusoft.core.json.Json;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tomcat's last word on an error, as a problem instead of its HTML page. Tomcat answers some
 * requests itself, before any filter or Spring MVC runs: a path that is not valid percent-encoded
 * UTF-8 ({@code /%FF%FE}), one that climbs above the root ({@code /../../etc/passwd}), an unknown
 * protocol version, the CONNECT method. Those answers used to be {@code text/html}; now every error
 * body of the gateway is {@code application/problem+json}, and Tomcat's 501 for CONNECT is the 405
 * every other method without a route gets. Installed as the host's error report valve by
 * {@link TomcatProblemCustomizer}; Tomcat instantiates it by class name, hence public.
 */
public final class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        // as Tomcat's own valve: nothing for a success, nothing when a body was written, report once
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        if (status == HttpStatus.NOT_IMPLEMENTED.value()) {
            // Tomcat refuses CONNECT itself, as "not implemented"; to a client of this API any method it
            // has no route for is the same thing, a 405 (see UnsupportedMethodFilter for the others)
            status = HttpStatus.METHOD_NOT_ALLOWED.value();
            response.setStatus(status);
            response.setHeader("Allow", UnsupportedMethodFilter.ALLOW);
        }
        HttpStatus known = HttpStatus.resolve(status);
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("type", "about:blank");
        body.put("title", known == null ? "Error" : known.getReasonPhrase());
        body.put("status", status);
        body.put("detail", status < 500 ? "the request is malformed or not allowed" : "the server could not answer this request");
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(Json.mapper().writeValueAsString(body));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response was committed meanwhile: nothing more to say
        }
    }
}
