package br.com.cdcplusoft.extractor.debezium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import br.com.cdcplusoft.boot.PipelineAutoConfiguration;
import java.time.Duration;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** When the engine is wired, and what its health says once it could not start. */
class DebeziumEngineConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, PipelineAutoConfiguration.class))
            .withUserConfiguration(DebeziumEngineConfiguration.class)
            .withPropertyValues("spring.kafka.bootstrap-servers=127.0.0.1:9");

    @Test
    void jdbcModeWiresNoEngine() {
        runner.withPropertyValues("extractor.mode=jdbc")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(EmbeddedDebezium.class)
                        .doesNotHaveBean(DebeziumEngineSettings.class));
    }

    @Test
    void debeziumModeWithKafkaConnectWiresNoEngine() {
        runner.withPropertyValues("extractor.mode=debezium", "extractor.debezium.embedded=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(EmbeddedDebezium.class)
                        .doesNotHaveBean(Producer.class).hasSingleBean(DebeziumEngineSettings.class));
    }

    @Test
    void aMissingConnectorClassFailsAtStartUpWithItsName() {
        runner.withPropertyValues("extractor.mode=debezium")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessage("extractor.debezium.engine.connector.class is required, e.g. io.debezium.connector.oracle.OracleConnector"));
    }

    @Test
    void anEngineThatCannotReachItsDatabaseReportsDown() {
        runner.withPropertyValues("extractor.mode=debezium",
                        "extractor.debezium.engine.connector.class=io.debezium.connector.postgresql.PostgresConnector",
                        "extractor.debezium.engine.database.hostname=127.0.0.1",
                        "extractor.debezium.engine.database.port=9",
                        "extractor.debezium.engine.database.user=nobody",
                        "extractor.debezium.engine.database.password=wrong",
                        "extractor.debezium.engine.database.dbname=none",
                        "extractor.debezium.engine.offset.storage=org.apache.kafka.connect.storage.MemoryOffsetBackingStore",
                        "extractor.debezium.engine.errors.max.retries=0")
                .run(context -> {
                    EmbeddedDebezium engine = context.getBean(EmbeddedDebezium.class);
                    assertThat(engine.isRunning()).isTrue();
                    assertThat(context.getBean(DebeziumEngineSettings.class).engine())
                            .containsEntry("database.hostname", "127.0.0.1");
                    await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                            assertThat(engine.health().getStatus()).isEqualTo(Status.DOWN));
                    assertThat(engine.health().getDetails()).containsKey("error").doesNotContainValue("wrong");
                });
    }
}
