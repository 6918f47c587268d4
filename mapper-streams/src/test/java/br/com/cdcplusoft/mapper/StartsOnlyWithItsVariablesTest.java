package br.com.cdcplusoft.mapper;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.cdcplusoft.dev.process.JavaMain;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A service started on its own without the variables it needs stops at start-up, names every one
 * of them and points to the demo: it never starts (or joins) an embedded broker, demo database or
 * simulator instead. Runs {@link MapperApplication#main} in a real child JVM with an empty environment.
 */
class StartsOnlyWithItsVariablesTest {

    @Test
    void withoutItsVariablesItStopsNamingEveryOne() throws Exception {
        JavaMain.Result result = JavaMain.run(MapperApplication.class, Map.of("CONSINCO_DB_URL", "jdbc:h2:mem:unused"), Duration.ofSeconds(90));

        assertThat(result.exitCode()).as("exit code; output:%n%s", result.output()).isNotIn(0, -1);
        assertThat(result.output()).contains("KAFKA_BOOTSTRAP_SERVERS")
                .contains("standalone")
                .doesNotContain("Demo parts in use", "Started MapperApplication");
    }
}
