package br.com.cdcplusoft.gateway.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document behind Swagger UI on {@code /docs}. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI gatewayOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Consinco → Plusoft gateway").version("1")
                        .description("Paginated reads of the Consinco integration views, full re-syncs with tracked runs. "
                                + "POST routes need the X-API-Key header; GET routes are rate-limited per client IP. "
                                + "Errors are application/problem+json (RFC 9457)."))
                .components(new Components().addSecuritySchemes("apiKey", new SecurityScheme()
                        .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER).name("X-API-Key")
                        .description("GATEWAY_API_KEY of the gateway")));
    }
}
