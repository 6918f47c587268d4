package br.com.cdcplusoft.gateway.web;

import br.com.cdcplusoft.core.catalog.EntityCatalog;
import br.com.cdcplusoft.gateway.config.GatewayProperties;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the API as {@code application/problem+json}: Spring MVC's own exceptions (404 for
 * an unknown route, 405, 406, 415, ...) through {@link ResponseEntityExceptionHandler}, the
 * gateway's {@link Problems}, a value of the wrong type as a 400 that names the parameter, an
 * unreachable database or a read that outlasted its timeout as 503, and anything unexpected as a
 * 500 that shows no internals. Server-side failures carry a {@code classificacao}; no exception
 * message ever reaches a response, and logs get only its masked excerpt.
 */
@RestControllerAdvice
final class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
    /** Property of 5xx problems: what failed, as a fixed code (see {@link Redaction}). */
    static final String CLASSIFICATION = "classificacao";

    private final GatewayProperties properties;

    ProblemHandler(GatewayProperties properties) {
        this.properties = properties;
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status,
                                                        WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException m ? m.getName() : ex.getPropertyName();
        String expected = ex.getRequiredType() == null ? "a valid value" : describe(ex.getRequiredType());
        ProblemDetail problem = Problems.badParameter(name, name + " must be " + expected + ", was '"
                + Problems.echo(String.valueOf(ex.getValue())) + "'").getBody();
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @ExceptionHandler(EntityCatalog.UnknownEntityException.class)
    ProblemDetail unknownEntity(EntityCatalog.UnknownEntityException e) {
        return Problems.notFound("Unknown entity", "unknown entity '" + Problems.echo(e.entity()) + "'").getBody();
    }

    /** Tomcat parses the query string lazily and rejects a malformed one (e.g. {@code %ZZ}) on first access. */
    @ExceptionHandler(InvalidParameterException.class)
    ProblemDetail malformedQuery(InvalidParameterException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "the query string is malformed (invalid percent-encoding or too many parameters)");
        problem.setTitle("Malformed request");
        return problem;
    }

    @ExceptionHandler(QueryTimeoutException.class)
    ResponseEntity<ProblemDetail> queryTimeout(QueryTimeoutException e) {
        long seconds = properties.reads().queryTimeout().toSeconds();
        log.warn("A read of the Consinco database outlasted {} s and was cancelled", seconds);
        ProblemDetail problem = Problems.unavailable("Query timeout", "the query did not finish within " + seconds
                + " s and was cancelled; ask for a smaller page or follow proximo").getBody();
        problem.setProperty(CLASSIFICATION, "DATABASE_TIMEOUT");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "30").body(problem);
    }

    @ExceptionHandler(DataAccessException.class)
    ResponseEntity<ProblemDetail> database(DataAccessException e) {
        // the SQL error may quote row values: its class and a masked excerpt only
        String classification = Redaction.classify(e);
        log.error("Reading the Consinco database failed: {} {} ({})", classification, e.getClass().getSimpleName(),
                Redaction.excerpt(e.getMostSpecificCause().getMessage()));
        ProblemDetail problem = Problems.unavailable("Database unavailable",
                "the Consinco database cannot be read right now; try again later").getBody();
        problem.setProperty(CLASSIFICATION, classification);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "30").body(problem);
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        String classification = Redaction.classify(e);
        // the stack trace tells where; the message may quote a value, so only its masked excerpt is logged
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        log.error("Unexpected error answering a request: {} {} ({}), caused by {} at {}", classification, e.getClass().getName(),
                Redaction.excerpt(e.getMessage()), root.getClass().getName(), root.getStackTrace().length == 0 ? "?" : root.getStackTrace()[0]);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "the gateway could not answer this request; the error is logged");
        problem.setTitle("Internal error");
        problem.setProperty(CLASSIFICATION, classification);
        return problem;
    }

    private static String describe(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return "a valid " + type.getSimpleName();
    }
}
