package br.com.cdcplusoft.gateway.web;

import br.com.cdcplusoft.gateway.config.GatewayProperties;
import br.com.cdcplusoft.gateway.security.Access;
import br.com.cdcplusoft.gateway.security.RequiresKey;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.ArrayList;
import java.util.List;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document behind Swagger UI on {@code /docs}. Each operation's security requirement
 * comes from the {@link RequiresKey} of its handler, the same annotation the check enforces: the
 * admin key only, the read key or the admin key, or none (an empty requirement: the key is optional).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    /** The admin key ({@code GATEWAY_API_KEY}). */
    static final String ADMIN_SCHEME = "apiKey";
    /** The read key ({@code GATEWAY_READ_API_KEY}). */
    static final String READ_SCHEME = "readApiKey";

    @Bean
    OpenAPI gatewayOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Consinco → Plusoft gateway").version("1")
                        .description("Paginated reads of the Consinco integration views, full re-syncs with tracked runs. "
                                + "POST routes need the admin key in X-API-Key; reads of personal data (clientes, vendas, dead "
                                + "letters, run error details) need the read key or the admin key; a wrong key is a 401 on every "
                                + "route. Requests are rate-limited per client, failed key attempts included. "
                                + "Errors are application/problem+json (RFC 9457)."))
                .components(new Components()
                        .addSecuritySchemes(ADMIN_SCHEME, new SecurityScheme()
                                .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER).name("X-API-Key")
                                .description("the admin key, GATEWAY_API_KEY: every route"))
                        .addSecuritySchemes(READ_SCHEME, new SecurityScheme()
                                .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER).name("X-API-Key")
                                .description("the read key, GATEWAY_READ_API_KEY: the GET routes")));
    }

    @Bean
    OperationCustomizer keyRequirementsInOpenApi(GatewayProperties properties) {
        List<String> open = properties.security().openEntities();
        return (operation, handler) -> {
            RequiresKey requirement = handler.getMethodAnnotation(RequiresKey.class);
            List<SecurityRequirement> security = new ArrayList<>();
            String note;
            if (requirement == null) {
                note = "No key needed.";
            } else if (requirement.detailsOnly() || (!requirement.openEntityVariable().isEmpty() && !open.isEmpty())) {
                security.add(new SecurityRequirement());
                note = requirement.detailsOnly()
                        ? "Key optional: without the read or the admin key the answer leaves out the error details."
                        : "Open for " + String.join(", ", open) + " (gateway.security.open-entities); the other entities need the "
                        + (requirement.value() == Access.ADMIN ? "admin key." : "read key or the admin key.");
            } else {
                note = requirement.value() == Access.ADMIN ? "Needs the admin key (X-API-Key: GATEWAY_API_KEY)."
                        : "Needs the read key or the admin key (X-API-Key).";
            }
            if (requirement != null) {
                if (requirement.value() == Access.READ) {
                    security.add(new SecurityRequirement().addList(READ_SCHEME));
                }
                security.add(new SecurityRequirement().addList(ADMIN_SCHEME));
            }
            operation.setSecurity(security);
            operation.setDescription(operation.getDescription() == null ? note : operation.getDescription() + "\n\n" + note);
            return operation;
        };
    }
}
