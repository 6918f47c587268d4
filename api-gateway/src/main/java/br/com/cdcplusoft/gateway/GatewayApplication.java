package br.com.cdcplusoft.gateway;

import br.com.cdcplusoft.core.dev.DevInfrastructure;
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

    public static void main(String[] args) {
        // system properties outrank the module's yml: unset KAFKA_BOOTSTRAP_SERVERS / CONSINCO_DB_URL
        // point the gateway at the embedded broker and the H2 demo database
        DevInfrastructure.applyToSystemProperties();
        new SpringApplicationBuilder(GatewayApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME)
                .run(args);
    }
}
