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
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits requests per client: every GET (and HEAD) of the API takes one permission, and so does
 * every other request that ends in 401 (a missing or wrong key), so that guessing keys costs the
 * same as reading. A client with nothing left gets a 429 problem with {@code Retry-After} in
 * seconds for any API request, before its key is even compared. Swagger UI, the OpenAPI document,
 * Actuator and the console ({@code /painel}, gathered on a schedule) are not limited (probes and scrapes must not be starved). The client is
 * {@link ClientAddress}: the connection's address, or what a configured proxy forwarded. Addresses
 * are not logged.
 */
final class RateLimitFilter extends OncePerRequestFilter {

    private final ClientRateLimiters limiters;
    private final ClientAddress clients;
    private final String limitText;
    private final Counter rejected;

    RateLimitFilter(ClientRateLimiters limiters, ClientAddress clients, int requests, Duration period, MeterRegistry meters) {
        this.limiters = limiters;
        this.clients = clients;
        this.limitText = requests + " requests per " + period;
        this.rejected = Counter.builder("gateway.rate_limit.rejected").description("Requests refused with 429")
                .register(meters);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return OperationalPaths.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String client = clients.of(request);
        boolean read = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
        long wait = read ? limiters.tryAcquire(client) : limiters.waitIfExhausted(client);
        if (wait > 0) {
            rejected.increment();
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(wait));
            ProblemWriter.write(response, HttpStatus.TOO_MANY_REQUESTS, "Too Many Requests",
                    "rate limit of " + limitText + " exceeded for this client; retry after " + wait + " s", request.getRequestURI());
            return;
        }
        chain.doFilter(request, response);
        if (!read && response.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
            // a failed key attempt: it counts like a read
            limiters.tryAcquire(client);
        }
    }
}
