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
 * Reads {@code X-API-Key} once per request and records the {@link Access} it gives (the admin key
 * {@code GATEWAY_API_KEY}, the read key {@code GATEWAY_READ_API_KEY}, or none) for
 * {@link KeyRequirementInterceptor} and the controllers. Answers itself, before Spring MVC:
 * <ul>
 *   <li>a key that is neither: 401 on every API route (open ones too), so that a wrong key is always
 *       a counted, failed attempt;</li>
 *   <li>a request that may change something (any method but GET, HEAD, OPTIONS, TRACE) without the
 *       admin key: 401, or 403 with the read key. Without a configured admin key every such request
 *       is refused: a re-sync republishes whole tables, so it is never left open.</li>
 * </ul>
 * Keys are compared in constant time and never logged.
 */
final class ApiKeyFilter extends OncePerRequestFilter {

    static final String HEADER = "X-API-Key";
    static final String MISSING_OR_INVALID = "missing or invalid " + HEADER;
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final byte[] adminDigest;
    private final byte[] readDigest;
    private final Counter rejected;

    ApiKeyFilter(String apiKey, String readApiKey, MeterRegistry meters) {
        this.adminDigest = apiKey == null ? null : digest(apiKey);
        this.readDigest = readApiKey == null ? null : digest(readApiKey);
        this.rejected = rejectedCounter(meters);
    }

    static Counter rejectedCounter(MeterRegistry meters) {
        return Counter.builder("gateway.api_key.rejected").description("Requests refused for a missing or wrong X-API-Key")
                .register(meters);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean operational = OperationalPaths.matches(request);
        String key = operational ? null : request.getHeader(HEADER);
        Access access = accessOf(key);
        if (access == null) {
            rejected.increment();
            unauthorized(request, response, MISSING_OR_INVALID);
            return;
        }
        if (!SAFE.contains(request.getMethod()) && access != Access.ADMIN) {
            if (access == Access.READ) {
                forbidden(request, response);
            } else {
                rejected.increment();
                unauthorized(request, response, MISSING_OR_INVALID);
            }
            return;
        }
        request.setAttribute(Access.ATTRIBUTE, access);
        chain.doFilter(request, response);
    }

    /** The access a key gives; null for a key that is neither. */
    private Access accessOf(String key) {
        if (key == null) {
            return Access.NONE;
        }
        byte[] sent = digest(key);
        // both comparisons always run: the time taken does not tell which key was close
        boolean admin = adminDigest != null && MessageDigest.isEqual(adminDigest, sent);
        boolean read = readDigest != null && MessageDigest.isEqual(readDigest, sent);
        return admin ? Access.ADMIN : read ? Access.READ : null;
    }

    static void unauthorized(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "ApiKey header=\"" + HEADER + "\"");
        ProblemWriter.write(response, HttpStatus.UNAUTHORIZED, "Unauthorized", detail, request.getRequestURI());
    }

    static void forbidden(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ProblemWriter.write(response, HttpStatus.FORBIDDEN, "Forbidden",
                "this route needs the admin key (GATEWAY_API_KEY); the read key only reads", request.getRequestURI());
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
