package br.com.cdcplusoft.gateway;

import br.com.cdcplusoft.core.catalog.EntityCatalog;
import br.com.cdcplusoft.core.catalog.EntitySettings;
import br.com.cdcplusoft.gateway.config.GatewayProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * What web slice tests need besides the controller under test: the entity catalog of
 * pipeline-defaults.yml (same names, sources and keys), the bound gateway settings and a meter
 * registry for the filters.
 */
@TestConfiguration(proxyBeanMethods = false)
@EnableConfigurationProperties(GatewayProperties.class)
public class WebTestConfiguration {

    /** Long enough for the validation of gateway.security.api-key. */
    public static final String API_KEY = "test-key-0123456789abcdef";
    /** The read key (GATEWAY_READ_API_KEY) of the web tests. */
    public static final String READ_KEY = "test-read-key-fedcba9876543210";

    @Bean
    public EntityCatalog entityCatalog() {
        return catalog();
    }

    @Bean
    public MeterRegistry meterRegistry() {
        return new SimpleMeterRegistry();
    }

    public static EntityCatalog catalog() {
        Map<String, EntitySettings> entities = new LinkedHashMap<>();
        entities.put("filiais", settings("VW_PLUSOFT_FILIAL", List.of("NROEMPRESA"), null));
        entities.put("produtos", settings("VW_PLUSOFT_PRODUTO", List.of("SEQPRODUTO"), "DTAHORALTERACAO"));
        entities.put("clientes", settings("VW_PLUSOFT_CLIENTE", List.of("SEQPESSOA"), "DTAHORALTERACAO"));
        entities.put("vendas", settings("VW_PLUSOFT_VENDA", List.of("SEQNF", "SEQPRODUTO"), "DTAHORALTERACAO"));
        return EntitySettings.toCatalog(entities);
    }

    private static EntitySettings settings(String source, List<String> keys, String cursor) {
        return new EntitySettings(source, keys, cursor, null, null, null, null, null, null, null);
    }
}
