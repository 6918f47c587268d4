package br.com.cdcplusoft.gateway;

import br.com.cdcplusoft.boot.RequiredSettings;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The HTTP gateway the integration team uses every day: paginated reads of the integration views
 * ({@code GET /{entidade}}), forced re-syncs with tracked runs ({@code POST /{entidade}/sincronizar},
 * {@code GET /sincronizacoes/{id}}), the nightly full run with its dated log folders, Swagger UI on
 * {@code /docs} and Actuator health, readiness and Prometheus metrics.
 *
 * <p>Wiring lives in the feature packages' {@code @Configuration} classes, not here, so that web
 * slice tests can start without a database or a broker.
 */
@SpringBootApplication
public class GatewayApplication {

    public static final String CONFIG_NAME = "api-gateway";

    /** The variables this service cannot run without; none of them has a default. */
    public static final RequiredSettings REQUIRED = RequiredSettings.of("api-gateway", RequiredSettings.KAFKA, RequiredSettings.DB_URL, RequiredSettings.DB_USER,
                        RequiredSettings.DB_PASSWORD);

    public static void main(String[] args) {
        new SpringApplicationBuilder(GatewayApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME)
                .listeners(REQUIRED)
                .run(args);
    }
}
