package br.com.cdcplusoft.sink.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import br.com.cdcplusoft.core.catalog.EntityCatalog;
import br.com.cdcplusoft.core.catalog.EntitySettings;
import br.com.cdcplusoft.core.catalog.TopicCatalog;
import br.com.cdcplusoft.sink.config.SinkProperties;
import br.com.cdcplusoft.sink.config.SinkSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

class SinkKafkaConfigurationTest {

    private final SinkSettings settings = new SinkSettings(SinkProperties.defaults(), null, TopicCatalog.defaults());

    @Test
    void theConsumerMayHoldABatchForTwiceTheLongestABatchCanTake() {
        // 5m retries + 2 x 30s request timeout + 10s permit wait + 30s publishing
        assertThat(SinkKafkaConfiguration.worstBatch(SinkProperties.defaults())).isEqualTo(Duration.ofSeconds(400));
        assertThat(SinkKafkaConfiguration.maxPollInterval(new KafkaProperties(), settings)).isEqualTo(Duration.ofSeconds(800));
    }

    @Test
    void aConfiguredMaxPollIntervalTooShortForTheRetryBudgetIsRefused() {
        KafkaProperties kafka = new KafkaProperties();
        kafka.getConsumer().getProperties().put("max.poll.interval.ms", "300000");

        assertThatIllegalArgumentException().isThrownBy(() -> SinkKafkaConfiguration.maxPollInterval(kafka, settings))
                .withMessage("max.poll.interval.ms (300000) must be at least twice the longest a batch can take (400000 ms:"
                        + " plusoft.retry.max-total + 2 x plusoft.http.request-timeout + plusoft.rate-limit.max-wait + 30s)");
    }

    @Test
    void payloadDeadLetterTopicsKeepThirtyDaysUnlessConfigured() {
        EntityCatalog clientes = EntityCatalog.of(List.of(new EntitySettings("VW_PLUSOFT_CLIENTE", List.of("SEQPESSOA"), null,
                null, null, null, 3, null, null, null).toDefinition("clientes")));
        assertThat(dlqRetention(new SinkSettings(SinkProperties.defaults(), clientes, TopicCatalog.defaults())))
                .isEqualTo(Long.toString(Duration.ofDays(30).toMillis()));

        SinkProperties sevenDays = new SinkProperties(null, null, null, null, null, null, null,
                new SinkProperties.DeadLetter(null, Duration.ofDays(7)), null);
        assertThat(dlqRetention(new SinkSettings(sevenDays, clientes, TopicCatalog.defaults())))
                .isEqualTo(Long.toString(Duration.ofDays(7).toMillis()));
    }

    private static String dlqRetention(SinkSettings settings) {
        return SinkKafkaConfiguration.topics(settings).stream()
                .filter(t -> t.name().equals("plusoft.clientes.dlq")).findFirst().orElseThrow().configs().get("retention.ms");
    }

    @Test
    void aLongEnoughMaxPollIntervalIsKept() {
        KafkaProperties kafka = new KafkaProperties();
        kafka.getConsumer().getProperties().put("max.poll.interval.ms", "900000");

        assertThat(SinkKafkaConfiguration.maxPollInterval(kafka, settings)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void theConsumersAreStaticMembersWhenTheInstanceHasAnIdAndDynamicOtherwise() {
        assertThat(SinkKafkaConfiguration.consumerProperties(new KafkaProperties(), settings, "sink-a"))
                .containsEntry("group.instance.id", "sink-a").containsEntry("session.timeout.ms", "10000")
                .containsEntry("heartbeat.interval.ms", "2000").containsEntry("enable.auto.commit", false);
        assertThat(SinkKafkaConfiguration.consumerProperties(new KafkaProperties(), settings, null))
                .doesNotContainKey("group.instance.id").containsEntry("session.timeout.ms", "10000");
    }
}
