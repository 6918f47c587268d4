package br.com.cdcplusoft.gateway.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A request method the API has no route for at all ({@code CONNECT}, {@code TRACE}, an invented
 * {@code FOO}) is a 405 problem, answered before anything else. Without it the servlet answers 501
 * and then fails again rendering that error for the same method, ending in Tomcat's HTML page; and
 * TRACE would echo the request's headers (the API key among them) back.
 */
final class UnsupportedMethodFilter extends OncePerRequestFilter {

    /** What Spring MVC routes; PUT, DELETE and PATCH get its own 405 with the route's Allow header. */
    static final Set<String> ROUTED = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");
    static final String ALLOW = "GET, HEAD, POST, OPTIONS";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return ROUTED.contains(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader(HttpHeaders.ALLOW, ALLOW);
        ProblemWriter.write(response, HttpStatus.METHOD_NOT_ALLOWED, "Method Not Allowed",
                "method '" + Problems.echo(request.getMethod()) + "' is not supported", request.getRequestURI());
    }
}
