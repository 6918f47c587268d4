package br.com.cdcplusoft.dev.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServicesTest {

    @TempDir
    Path dir;

    private Services.Builder complete() {
        return Services.Settings.builder().jarsIn(dir.resolve("jars")).work(dir.resolve("work")).kafka("127.0.0.1:29092")
                .consinco(Services.Consinco.demo(29095)).plusoft(URI.create("http://127.0.0.1:28099"), "the-token")
                .apiKey("the-api-key").port(Services.SINK, 28002);
    }

    @Test
    void everyServiceGetsTheWholeEnvironmentContract() {
        try (Children children = new Children(dir.resolve("logs"))) {
            Services services = new Services(children, complete().build());

            assertThat(services.environment(Services.SINK)).containsOnlyKeys("KAFKA_BOOTSTRAP_SERVERS", "CONSINCO_DB_URL",
                            "CONSINCO_DB_USER", "CONSINCO_DB_PASSWORD", "PLUSOFT_BASE_URL", "PLUSOFT_TOKEN", "GATEWAY_API_KEY",
                            "SERVER_PORT", "PIPELINE_DATA_DIR", "PIPELINE_INSTANCE_ID")
                    .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:29092")
                    .containsEntry("CONSINCO_DB_URL", "jdbc:h2:tcp://127.0.0.1:29095/consinco;MODE=Oracle;DEFAULT_NULL_ORDERING=HIGH")
                    .containsEntry("CONSINCO_DB_USER", "consinco")
                    .containsEntry("PLUSOFT_BASE_URL", "http://127.0.0.1:28099")
                    .containsEntry("PLUSOFT_TOKEN", "the-token")
                    .containsEntry("GATEWAY_API_KEY", "the-api-key")
                    .containsEntry("SERVER_PORT", "28002")
                    .containsEntry("PIPELINE_DATA_DIR", dir.resolve("work").resolve(Services.SINK).resolve("data").toString())
                    .containsEntry("PIPELINE_INSTANCE_ID", Services.SINK);
            assertThat(services.environment(Services.MAPPER)).containsEntry("SERVER_PORT", "0");
        }
    }

    @Test
    void aSecondInstanceRunsItsModulesJarWithItsOwnIdFolderAndPort() {
        try (Children children = new Children(dir.resolve("logs"))) {
            Services services = new Services(children, complete().instance("plusoft-sink-b", Services.SINK)
                    .port("plusoft-sink-b", 28003).build());

            assertThat(services.jar("plusoft-sink-b")).isEqualTo(services.jar(Services.SINK));
            assertThat(services.environment("plusoft-sink-b")).containsEntry("PIPELINE_INSTANCE_ID", "plusoft-sink-b")
                    .containsEntry("SERVER_PORT", "28003")
                    .containsEntry("PIPELINE_DATA_DIR", dir.resolve("work").resolve("plusoft-sink-b").resolve("data").toString());
        }
    }

    @Test
    void anInstanceNamedLikeAConsumerOfItsModuleIsRefused() {
        assertThatThrownBy(() -> complete().instance("mapper-streams-2", Services.MAPPER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("instance name mapper-streams-2 is taken by mapper-streams's own consumers");
    }

    @Test
    void theDemoDatabaseComesWithH2sDriverForTheLoaderPath() {
        Path driver = Services.Consinco.demo(29095).driver();

        assertThat(driver.getFileName().toString()).startsWith("h2-").endsWith(".jar");
        assertThat(driver).isRegularFile();
    }

    @Test
    void theStandaloneKeepsItsStateInTheMappersFolder() {
        try (Children children = new Children(dir.resolve("logs"))) {
            Services services = new Services(children, complete().build());

            assertThat(services.environment(Services.STANDALONE).get("PIPELINE_DATA_DIR"))
                    .isEqualTo(services.environment(Services.MAPPER).get("PIPELINE_DATA_DIR"));
        }
    }

    @Test
    void jarsOfABuiltCheckoutAndMissingOnes() {
        try (Children children = new Children(dir.resolve("logs"))) {
            Services services = new Services(children, complete().jarsInTargets(dir, "1.0").build());

            assertThat(services.jar(Services.GATEWAY)).isEqualTo(dir.resolve("api-gateway/target/api-gateway-1.0-exec.jar"));
            assertThat(services.missing(List.of(Services.GATEWAY, Services.SINK))).containsExactly(Services.GATEWAY, Services.SINK);
        }
    }

    @Test
    void withoutThePlusoftTokenNothingStarts() {
        assertThatThrownBy(() -> complete().plusoft(URI.create("http://127.0.0.1:28099"), " ").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Services.Settings: plusoftToken (PLUSOFT_TOKEN) is required (the services refuse to start without it)");
    }

    @Test
    void withoutKafkaNothingStarts() {
        assertThatThrownBy(() -> complete().kafka(null).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Services.Settings: bootstrapServers (KAFKA_BOOTSTRAP_SERVERS) is required (the services refuse to start without it)");
    }

    @Test
    void settingsNeverPrintTheSecrets() {
        assertThat(complete().build().toString()).doesNotContain("the-token").doesNotContain("the-api-key").contains("127.0.0.1:29092");
    }

    @Test
    void theHealthOfAServiceWithoutAPortCannotBeRead() {
        try (Children children = new Children(dir.resolve("logs"))) {
            Services services = new Services(children, complete().build());

            assertThatThrownBy(() -> services.awaitReady(Services.GATEWAY))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("api-gateway has no fixed port (Services.Settings ports): its health cannot be read");
        }
    }
}
