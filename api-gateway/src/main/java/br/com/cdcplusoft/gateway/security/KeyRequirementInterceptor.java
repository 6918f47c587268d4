package br.com.cdcplusoft.gateway.security;

import io.micrometer.core.instrument.Counter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.Set;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Enforces {@link RequiresKey} on the handler Spring MVC chose, with the path variables it
 * resolved: the decision is made on the route that will run, not on a second reading of the URL
 * (so {@code //clientes}, {@code /clientes;x=1} or percent-encoding cannot route around it).
 */
final class KeyRequirementInterceptor implements HandlerInterceptor {

    private final Set<String> openEntities;
    private final Counter rejected;

    KeyRequirementInterceptor(Set<String> openEntities, Counter rejected) {
        this.openEntities = Set.copyOf(openEntities);
        this.rejected = rejected;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws Exception {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        Access needed = required(method.getMethodAnnotation(RequiresKey.class), request);
        Access access = Access.of(request);
        if (access.atLeast(needed)) {
            return true;
        }
        if (access == Access.READ) {
            ApiKeyFilter.forbidden(request, response);
        } else {
            rejected.increment();
            ApiKeyFilter.unauthorized(request, response, needed == Access.ADMIN ? ApiKeyFilter.MISSING_OR_INVALID
                    : ApiKeyFilter.MISSING_OR_INVALID + ": this route shows personal data; send the read key (GATEWAY_READ_API_KEY)"
                    + " or the admin key");
        }
        return false;
    }

    private Access required(RequiresKey requirement, HttpServletRequest request) {
        if (requirement == null || requirement.detailsOnly()) {
            return Access.NONE;
        }
        if (!requirement.openEntityVariable().isEmpty()
                && request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables
                && variables.get(requirement.openEntityVariable()) instanceof String entity && openEntities.contains(entity)) {
            return Access.NONE;
        }
        return requirement.value();
    }
}
