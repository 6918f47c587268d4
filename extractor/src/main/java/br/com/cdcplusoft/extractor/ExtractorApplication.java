package br.com.cdcplusoft.extractor;

import br.com.cdcplusoft.boot.RequiredSettings;
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

    /** The variables this service cannot run without; none of them has a default. */
    public static final RequiredSettings REQUIRED = RequiredSettings.of("extractor", RequiredSettings.KAFKA, RequiredSettings.DB_URL, RequiredSettings.DB_USER,
                        RequiredSettings.DB_PASSWORD);

    public static void main(String[] args) {
        new SpringApplicationBuilder(ExtractorApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME)
                .listeners(REQUIRED)
                .run(args);
    }
}
