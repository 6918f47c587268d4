package br.com.cdcplusoft.sink;

import br.com.cdcplusoft.boot.RequiredSettings;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * plusoft-sink: consumes {@code plusoft.<entidade>} and delivers the payloads to Plusoft.
 *
 * <ul>
 *   <li>in: {@code plusoft.<entidade>}, key = Plusoft identity as JSON ({@code {"IDPRODUTO":10}}), value =
 *       the payload object, or null (tombstone = delete); headers pipeline-run-id / pipeline-forced</li>
 *   <li>out: POST {plusoft.base-url}{path} with a JSON array body; {@code plusoft.<entidade>.dlq} for
 *       records Plusoft refused or that could not be delivered; {@code pipeline.runs} run deltas
 *       DELIVERED / SINK_DEAD_LETTERED, key = run id</li>
 * </ul>
 * Configuration: {@code plusoft-sink.yml}; PLUSOFT_BASE_URL and KAFKA_BOOTSTRAP_SERVERS are required.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PlusoftSinkApplication {

    public static final String CONFIG_NAME = "plusoft-sink";

    /** The variables this service cannot run without; none of them has a default. */
    public static final RequiredSettings REQUIRED = RequiredSettings.of("plusoft-sink", RequiredSettings.KAFKA,
            RequiredSettings.PLUSOFT_URL, RequiredSettings.PLUSOFT_TOKEN);

    public static void main(String[] args) {
        new SpringApplicationBuilder(PlusoftSinkApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME)
                .listeners(REQUIRED)
                .run(args);
    }
}
