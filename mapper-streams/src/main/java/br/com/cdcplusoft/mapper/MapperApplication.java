package br.com.cdcplusoft.mapper;

import br.com.cdcplusoft.boot.RequiredSettings;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The Consinco-to-Plusoft mapper: a Kafka Streams application that turns {@code consinco.<entidade>}
 * change events into {@code plusoft.<entidade>} payloads with the declarative specs under
 * {@code mapping/}; in debezium mode ({@code PIPELINE_MODE=debezium}) it first joins the base-table
 * topics into those change events. Configuration: {@code mapper-streams.yml}. This class only wires;
 * the topology is {@link br.com.cdcplusoft.mapper.topology.MapperTopology#build}.
 */
@SpringBootApplication
public class MapperApplication {

    /** The module's Spring config file name ({@code mapper-streams.yml}), unique across modules. */
    public static final String CONFIG_NAME = "mapper-streams";

    /** The variables this service cannot run without; none of them has a default. */
    public static final RequiredSettings REQUIRED = RequiredSettings.of("mapper-streams", RequiredSettings.KAFKA);

    public static void main(String[] args) {
        new SpringApplicationBuilder(MapperApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME)
                .listeners(REQUIRED)
                .run(args);
    }
}
