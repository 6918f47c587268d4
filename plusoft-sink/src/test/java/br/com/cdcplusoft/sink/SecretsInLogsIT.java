package br.com.cdcplusoft.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import br.com.cdcplusoft.dev.simulator.PlusoftSimulator;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Neither the token nor payload personal data reach the logs, even at DEBUG and on failures. */
@ExtendWith(OutputCaptureExtension.class)
class SecretsInLogsIT {

    private static final String TOKEN = "tok-9f8e7d6c5b4a-segredo";
    private static final String CPF = "52998224725";

    private final PlusoftSimulator plusoft = PlusoftSimulator.start(0);
    private SinkHarness harness;

    @AfterEach
    void stop() {
        harness.close();
        plusoft.close();
    }

    @Test
    void theTokenAndPayloadDataNeverAppearInTheOutput(CapturedOutput output) {
        harness = new SinkHarness("secrets");
        plusoft.requireBearer(TOKEN).faults().failNext(1, 503)
                .rejectWhen(record -> record.get("TXTEMAIL").asString().startsWith("recusado"));
        harness.produce("clientes", 0, "{\"IDPESSOA\":\"" + CPF + "\"}",
                "{\"IDPESSOA\":\"" + CPF + "\",\"TXTEMAIL\":\"aceito@example.com\"}", Map.of());
        harness.produce("clientes", 0, "{\"IDPESSOA\":\"11144477735\"}",
                "{\"IDPESSOA\":\"11144477735\",\"TXTEMAIL\":\"recusado@example.com\"}", Map.of());
        harness.flush();

        harness.startSink(Map.of("plusoft.base-url", plusoft.baseUri().toString(), "plusoft.auth.token", TOKEN,
                "logging.level.br.com.cdcplusoft", "DEBUG"));

        await().atMost(Duration.ofSeconds(30)).until(() -> harness.committed("clientes").getOrDefault(0, 0L) == 2L);
        assertThat(plusoft.counts("clientes").records()).isEqualTo(1);
        assertThat(output.getAll())
                .contains("failed with 503", "rejected by Plusoft with status 400", "token=******")
                .doesNotContain(TOKEN, CPF, "11144477735", "aceito@example.com", "recusado@example.com");
    }
}
