package br.com.cdcplusoft.gateway.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;

/**
 * Swagger UI, the OpenAPI document, Actuator, the error page and the operator console (whose state is
 * gathered on a schedule, not per request): never rate limited (probes and
 * scrapes must not be starved) and never refused for an {@code X-API-Key} they do not need.
 */
final class OperationalPaths {

    private static final List<String> PREFIXES = List.of("/actuator", "/docs", "/v3/api-docs", "/swagger-ui", "/error", "/painel");

    private OperationalPaths() {
    }

    static boolean matches(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return PREFIXES.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + "/"));
    }
}
