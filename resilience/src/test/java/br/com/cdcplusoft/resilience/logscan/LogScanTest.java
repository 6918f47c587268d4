package br.com.cdcplusoft.resilience.logscan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Findings for data in clear, none for masked data or look-alike numbers. */
class LogScanTest {

    private static final String CPF = "52998224725";
    private final LogScan scan = new LogScan(List.of(CPF), List.of("987654321", "11987654321"), List.of("s3cr3t-token-value"));

    @Test
    void personalDataAndSecretsInClearAreFound(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.log"), String.join("\n",
                "INFO sent IDPESSOA=" + CPF,
                "INFO cpf 529.982.247-25",
                "WARN maria.silva@example.com.br refused",
                "INFO phone +5511987654321",
                "INFO number 11987654321 and 987654321",
                "DEBUG Authorization: Bearer abcdefghij123456",
                "DEBUG token s3cr3t-token-value"));
        LogScan.Result r = scan.scan(dir);
        assertThat(r.files()).isEqualTo(1);
        assertThat(r.lines()).isEqualTo(7);
        assertThat(r.count("cpf")).isEqualTo(2);
        assertThat(r.count("email")).isEqualTo(1);
        assertThat(r.count("phone")).isEqualTo(3);
        assertThat(r.count("bearer-token")).isEqualTo(1);
        assertThat(r.count("secret")).isEqualTo(1);
        assertThat(r.findings()).allSatisfy(f -> assertThat(f.excerpt()).doesNotContain(CPF).doesNotContain("s3cr3t"));
    }

    @Test
    void maskedDataAndOtherNumbersAreNotFindings(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("b.log"), String.join("\n",
                "INFO IDPESSOA=***.***.*47-25 m***@example.com.br +55*********21",
                "INFO offset 152998224725 partition 3 took 52998224 ms",
                "INFO Authorization: Bearer ******",
                "INFO consumer-plusoft-sink-1 at 2026-11-29T21:54:13.199Z"));
        assertThat(scan.scan(dir).findings()).isEmpty();
    }
}
