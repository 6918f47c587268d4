package br.com.cdcplusoft.gateway.web;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The gateway's RFC 9457 problems, thrown from any feature and rendered as
 * {@code application/problem+json} by {@link ProblemHandler}. Values taken from a request are
 * shortened before they are echoed.
 */
public final class Problems {

    /** Property naming the offending request parameter on 400 problems. */
    public static final String PARAMETER = "parametro";

    private static final int ECHO_LIMIT = 64;

    private Problems() {
    }

    public static ErrorResponseException badParameter(String parameter, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Invalid parameter");
        problem.setProperty(PARAMETER, parameter);
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
    }

    public static ErrorResponseException unknownEntity(String entity, Iterable<String> known) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "unknown entity '" + echo(entity) + "'; known entities: " + String.join(", ", known));
        problem.setTitle("Unknown entity");
        return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
    }

    public static ErrorResponseException notFound(String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail);
        problem.setTitle(title);
        return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
    }

    /** 409 for a re-sync of an entity that already has a run: the running run is named and linked. */
    public static ErrorResponseException runAlreadyRunning(String entity, String runId, URI runLocation) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "a re-sync of '" + entity + "' is already running: run " + runId);
        problem.setTitle("Re-sync already running");
        problem.setProperty("entidade", entity);
        problem.setProperty("runId", runId);
        problem.setProperty("statusUrl", runLocation.toString());
        ErrorResponseException e = new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
        e.getHeaders().setLocation(runLocation);
        return e;
    }

    public static ErrorResponseException unavailable(String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
        problem.setTitle(title);
        return new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE, problem, null);
    }

    /** A request value fit to quote in a problem: at most 64 characters, no control characters. */
    public static String echo(String value) {
        if (value == null) {
            return "";
        }
        String clean = value.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= ECHO_LIMIT ? clean : clean.substring(0, ECHO_LIMIT) + "...";
    }
}
