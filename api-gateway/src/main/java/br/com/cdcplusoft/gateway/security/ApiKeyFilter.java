package br.com.cdcplusoft.gateway.security;

import br.com.cdcplusoft.gateway.web.ProblemWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Requires {@code X-API-Key} on every request that may change something (POST and any method
 * other than GET, HEAD, OPTIONS, TRACE); a missing or wrong key is a 401 problem. Without a
 * configured key ({@code GATEWAY_API_KEY} unset) every such request is refused: a re-sync
 * republishes whole tables, so it is never left open. Keys are compared in constant time and
 * never logged.
 */
final class ApiKeyFilter extends OncePerRequestFilter {

    static final String HEADER = "X-API-Key";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final byte[] expectedDigest;
    private final Counter rejected;

    ApiKeyFilter(String apiKey, MeterRegistry meters) {
        this.expectedDigest = apiKey == null ? null : digest(apiKey);
        this.rejected = Counter.builder("gateway.api_key.rejected").description("Requests refused for a missing or wrong X-API-Key")
                .register(meters);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return SAFE.contains(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (expectedDigest != null && key != null && MessageDigest.isEqual(expectedDigest, digest(key))) {
            chain.doFilter(request, response);
            return;
        }
        rejected.increment();
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "ApiKey header=\"" + HEADER + "\"");
        ProblemWriter.write(response, HttpStatus.UNAUTHORIZED, "Unauthorized", "missing or invalid " + HEADER, request.getRequestURI());
    }

    /** Digests first, so that the comparison takes the same time whatever the length of the key sent. */
    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
