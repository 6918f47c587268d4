package br.com.cdcplusoft.sink.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.cdcplusoft.sink.config.SinkProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final SinkProperties.Retry settings = SinkProperties.Retry.defaults();

    @Test
    void theDelayGrowsByTheMultiplierUpToTheCap() {
        RetryPolicy middle = new RetryPolicy(settings, () -> 0.5);

        assertThat(middle.delay(1, null)).isEqualTo(Duration.ofMillis(500));
        assertThat(middle.delay(2, null)).isEqualTo(Duration.ofMillis(1000));
        assertThat(middle.delay(3, null)).isEqualTo(Duration.ofMillis(2000));
        assertThat(middle.delay(7, null)).isEqualTo(Duration.ofSeconds(30));
        assertThat(middle.delay(40, null)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void jitterSpreadsTheDelayWithinItsBoundsAndNeverPastTheCap() {
        assertThat(new RetryPolicy(settings, () -> 0.0).delay(2, null)).isEqualTo(Duration.ofMillis(800));
        assertThat(new RetryPolicy(settings, () -> 0.999_999).delay(2, null)).isEqualTo(Duration.ofMillis(1199));
        assertThat(new RetryPolicy(settings, () -> 0.999_999).delay(9, null)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aRetryAfterLongerThanTheBackOffIsHonoured() {
        RetryPolicy policy = new RetryPolicy(settings, () -> 0.5);

        assertThat(policy.delay(1, Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
        assertThat(policy.delay(1, Duration.ofSeconds(90))).isEqualTo(Duration.ofSeconds(90));
        assertThat(policy.delay(3, Duration.ofMillis(100))).isEqualTo(Duration.ofMillis(2000));
    }
}
