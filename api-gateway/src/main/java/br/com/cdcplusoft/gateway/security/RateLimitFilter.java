package br.com.cdcplusoft.gateway.security;

import br.com.cdcplusoft.gateway.web.ProblemWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits the API's GET (and HEAD) requests per client IP; over the limit, a 429 problem with
 * {@code Retry-After} in seconds. Swagger UI, the OpenAPI document, Actuator and the console
 * ({@code /painel}, whose state is gathered on a schedule, not per request) are not limited (probes,
 * scrapes and an open console must not be starved). The client is the connection's remote address; behind
 * a proxy, set {@code server.forward-headers-strategy} so that it is the caller's. Addresses are
 * not logged.
 */
final class RateLimitFilter extends OncePerRequestFilter {

    private static final List<String> EXEMPT = List.of("/actuator", "/docs", "/v3/api-docs", "/swagger-ui", "/painel");

    private final ClientRateLimiters limiters;
    private final String limitText;
    private final Counter rejected;

    RateLimitFilter(ClientRateLimiters limiters, int requests, Duration period, MeterRegistry meters) {
        this.limiters = limiters;
        this.limitText = requests + " requests per " + period;
        this.rejected = Counter.builder("gateway.rate_limit.rejected").description("GET requests refused with 429")
                .register(meters);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return true;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return EXEMPT.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + "/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long wait = limiters.tryAcquire(request.getRemoteAddr());
        if (wait == 0) {
            chain.doFilter(request, response);
            return;
        }
        rejected.increment();
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(wait));
        ProblemWriter.write(response, HttpStatus.TOO_MANY_REQUESTS, "Too Many Requests",
                "rate limit of " + limitText + " exceeded for this client; retry after " + wait + " s", request.getRequestURI());
    }
}
