package br.com.cdcplusoft.dev;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.cdcplusoft.dev.demo.ConsincoDemoDatabase;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's parts start for what the environment leaves unset, and only for that. */
class DemoEnvironmentTest {

    @TempDir
    Path data;

    @AfterEach
    void stop() {
        DemoEnvironment.shutdown();
    }

    @Test
    void startsTheDemoDatabaseAndSimulatorForTheUnsetVariablesAndLeavesTheSetOnesAlone() throws Exception {
        Map<String, String> env = Map.of("PIPELINE_DATA_DIR", data.toString(), "KAFKA_BOOTSTRAP_SERVERS", "kafka.example:9092",
                "CONSINCO_DEMO_PORT", Integer.toString(freePort()), "CONSINCO_DEMO_VENDAS", "50",
                "PLUSOFT_SIMULATOR_PORT", Integer.toString(freePort()));

        Map<String, Object> props = DemoEnvironment.ensure(env::get);

        assertThat(props).doesNotContainKey("spring.kafka.bootstrap-servers")
                .containsEntry("spring.datasource.username", ConsincoDemoDatabase.USER)
                .containsEntry("plusoft.auth.token", DemoEnvironment.SIMULATOR_TOKEN)
                .containsKeys("spring.datasource.url", "plusoft.base-url");
        HttpURLConnection counts = (HttpURLConnection) URI.create(props.get("plusoft.base-url") + "/contagens").toURL().openConnection();
        assertThat(counts.getResponseCode()).as("the simulator answers").isEqualTo(200);
    }

    @Test
    void startsNothingWhenEverythingIsSet() {
        Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka.example:9092", "CONSINCO_DB_URL", "jdbc:oracle:thin:@//erp:1521/X",
                "PLUSOFT_BASE_URL", "https://crm.example.com");

        assertThat(DemoEnvironment.ensure(env::get)).isEmpty();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
