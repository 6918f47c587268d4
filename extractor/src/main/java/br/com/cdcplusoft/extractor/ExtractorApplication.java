package br.com.cdcplusoft.extractor;

import br.com.cdcplusoft.core.dev.DevInfrastructure;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The extractor: reads the Consinco integration views and publishes change envelopes to
 * {@code consinco.<entidade>}. Every entity is polled for rows whose cursor advanced; an entity
 * without a stored cursor is first snapshotted whole.
 */
@SpringBootApplication
public class ExtractorApplication {

    public static final String CONFIG_NAME = "extractor";

    public static void main(String[] args) {
        DevInfrastructure.applyToSystemProperties();
        new SpringApplicationBuilder(ExtractorApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME)
                .run(args);
    }
}
