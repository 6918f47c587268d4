package br.com.cdcplusoft.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    /** The module's tests run in bench/: the repository root is its parent. */
    private static final String REPO = Path.of("").toAbsolutePath().getParent().toString();

    @Test
    void defaultsAreTheIssuesFigures() {
        BenchOptions o = BenchOptions.parse(new String[] {"--repo", REPO});

        assertThat(o.rows()).isEqualTo(1_000_000);
        assertThat(o.db()).isEqualTo(BenchOptions.Db.H2);
        assertThat(o.heap()).isEqualTo("256m");
        assertThat(o.latencyRate()).isEqualTo(500);
        assertThat(o.latencyDuration()).isEqualTo(Duration.ofSeconds(60));
        assertThat(o.scalingBase()).isEqualTo(1_000_000);
        assertThat(o.producerRecords()).isEqualTo(1_000_000);
        assertThat(o.profile()).isTrue();
        assertThat(o.kafkaPort()).isEqualTo(19092);
        assertThat(o.runTimeoutFor(1_000_000)).isEqualTo(Duration.ofMinutes(10).plusSeconds(1000));
    }

    @Test
    void sizesDurationsAndRepeatedServiceArguments() {
        BenchOptions o = BenchOptions.parse(new String[] {"--repo", REPO, "--rows=5M", "--db", "postgres", "--skip", "raw,baseline",
            "--service-arg", "plusoft-sink:--plusoft.batch.linger=200ms", "--service-arg", "plusoft-sink:--a=b",
            "--baseline-max-time", "90s", "--no-profile"});

        assertThat(o.rows()).isEqualTo(5_000_000);
        assertThat(o.scalingBase()).isEqualTo(1_000_000);
        assertThat(o.db()).isEqualTo(BenchOptions.Db.POSTGRES);
        assertThat(o.runs("raw")).isFalse();
        assertThat(o.runs("pipeline")).isTrue();
        assertThat(o.serviceArgs()).containsEntry("plusoft-sink", List.of("--plusoft.batch.linger=200ms", "--a=b"));
        assertThat(o.baselineMaxTime()).isEqualTo(Duration.ofSeconds(90));
        assertThat(o.profile()).isFalse();
    }

    @Test
    void aSmallRunMeasuresTheScalingPairAtItsOwnSize() {
        assertThat(BenchOptions.parse(new String[] {"--repo", REPO, "--rows", "50k"}).scalingBase()).isEqualTo(50_000);
    }

    @Test
    void invalidValuesAreRefusedWithTheOptionNamed() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--repo", REPO, "--db", "oracle"}))
                .hasMessage("--db must be h2 or postgres, was 'oracle'");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--repo", REPO, "--skip", "warmup"}))
                .hasMessage("--skip: unknown phase 'warmup'; phases: raw, baseline, pipeline, latency, standalone, scaling");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--repo", REPO, "--rows", "lots"}))
                .hasMessage("--rows must be a number like 50000, 50k or 1M, was 'lots'");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--repo", REPO, "--rows", "10"}))
                .hasMessage("--rows must be at least 1000, was 10");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--repo", REPO, "--latency-time", "soon"}))
                .hasMessage("--latency-time must be a duration like 90s, 20m or 1h, was 'soon'");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--repo", REPO, "--heap", "lots"}))
                .hasMessage("--heap must be a heap size like 256m or 1g, was 'lots'");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--repo", REPO, "--frobnicate", "1"}))
                .hasMessage("unknown option --frobnicate");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--repo", REPO, "--service-arg", "noColon"}))
                .hasMessage("--service-arg must be MODULE:ARG, was 'noColon'");
    }

    @Test
    void aFolderThatIsNotTheRepositoryIsRefused() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--repo", "/tmp"}))
                .hasMessageStartingWith("run from the repository root");
    }
}
