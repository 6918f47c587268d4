package br.com.cdcplusoft.sink;

import br.com.cdcplusoft.core.dev.DevInfrastructure;
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
 * Configuration: {@code plusoft-sink.yml}. Without PLUSOFT_BASE_URL it posts to an embedded simulator.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PlusoftSinkApplication {

    public static final String CONFIG_NAME = "plusoft-sink";

    public static void main(String[] args) {
        // system properties outrank the module's yml: unset KAFKA_BOOTSTRAP_SERVERS points the sink at the
        // embedded broker
        DevInfrastructure.applyToSystemProperties();
        new SpringApplicationBuilder(PlusoftSinkApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME)
                .run(args);
    }
}
