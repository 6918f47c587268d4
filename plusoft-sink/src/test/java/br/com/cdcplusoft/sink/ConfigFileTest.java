package br.com.cdcplusoft.sink;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** spring.config.name given as a default property (as main and the standalone module do) loads plusoft-sink.yml and its import. */
class ConfigFileTest {

    @Configuration(proxyBeanMethods = false)
    static class Nothing {
    }

    @Test
    void theModuleFileAndTheSharedCatalogAreLoaded() {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Nothing.class).web(WebApplicationType.NONE)
                .properties("spring.config.name=" + PlusoftSinkApplication.CONFIG_NAME).run()) {
            Environment env = context.getEnvironment();
            assertThat(env.getProperty("plusoft.entities.filiais.tombstone-action")).isEqualTo("inactive");
            assertThat(env.getProperty("pipeline.entities.vendas.source")).isEqualTo("VW_PLUSOFT_VENDA");
            assertThat(env.getProperty("spring.kafka.consumer.group-id")).isEqualTo("plusoft-sink");
            assertThat(env.getProperty("management.endpoints.web.exposure.include")).isEqualTo("health,prometheus");
        }
    }
}
