package br.com.cdcplusoft.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/** Every default of gateway.*, the shipped yml, and every invalid setting with its exact message. */
class GatewayPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(GatewayProperties.class)
    static class Bind {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Bind.class);

    @Test
    void defaults() {
        runner.run(context -> {
            GatewayProperties p = context.getBean(GatewayProperties.class);
            assertThat(p.maskPersonalData()).isTrue();
            assertThat(p.paging()).isEqualTo(new GatewayProperties.Paging(100, 500));
            assertThat(p.security().apiKey()).isNull();
            assertThat(p.security().hasApiKey()).isFalse();
            assertThat(p.security().readApiKey()).isNull();
            assertThat(p.security().openEntities()).containsExactly("filiais", "produtos");
            assertThat(p.security().trustedProxies()).isEmpty();
            assertThat(p.reads()).isEqualTo(new GatewayProperties.Reads(100_000, Duration.ofSeconds(10), 2, Duration.ofSeconds(2)));
            assertThat(p.rateLimit()).isEqualTo(new GatewayProperties.RateLimit(30, Duration.ofMinutes(1), 10_000));
            assertThat(p.runs()).isEqualTo(new GatewayProperties.Runs(500, Duration.ofMinutes(10), "api-gateway-runs"));
            GatewayProperties.Nightly n = p.nightly();
            assertThat(n.enabled()).isTrue();
            assertThat(n.cron()).isEqualTo("0 0 1 * * *");
            assertThat(n.zoneId()).isEqualTo(ZoneId.of("America/Sao_Paulo"));
            assertThat(n.entities()).isEmpty();
            assertThat(n.forced()).isFalse();
            assertThat(n.logDir()).isEqualTo("Logs");
            assertThat(n.followFor()).isEqualTo(Duration.ofHours(6));
            assertThat(n.progressEvery()).isEqualTo(Duration.ofSeconds(30));
            assertThat(n.lockTopic()).isEqualTo("gateway.nightly-lock");
            assertThat(n.lockTimeout()).isEqualTo(Duration.ofSeconds(30));
            assertThat(p.deadLetters()).isEqualTo(new GatewayProperties.DeadLetters("api-gateway-dlq-redrive", 10, 100, 100_000,
                    Duration.ofSeconds(60)));
        });
    }

    @Test
    void theShippedYmlStatesTheSameDefaultsAndPort8000() throws Exception {
        List<PropertySource<?>> yml = new YamlPropertySourceLoader().load("api-gateway", new ClassPathResource("api-gateway.yml"));
        ApplicationContextRunner withYml = runner.withInitializer(ctx -> yml.forEach(ctx.getEnvironment().getPropertySources()::addLast));
        withYml.run(context -> {
            GatewayProperties fromYml = context.getBean(GatewayProperties.class);
            GatewayProperties defaults = new GatewayProperties(true, new GatewayProperties.Paging(100, 500),
                    new GatewayProperties.Security(null, null, List.of("filiais", "produtos"), List.of()),
                    new GatewayProperties.RateLimit(30, Duration.ofMinutes(1), 10_000),
                    new GatewayProperties.Reads(100_000, Duration.ofSeconds(10), 2, Duration.ofSeconds(2)),
                    new GatewayProperties.Runs(500, Duration.ofMinutes(10), "api-gateway-runs"),
                    new GatewayProperties.Nightly(true, "0 0 1 * * *", "America/Sao_Paulo", List.of(), false, "Logs",
                            Duration.ofHours(6), Duration.ofSeconds(30), "gateway.nightly-lock", Duration.ofSeconds(30)),
                    new GatewayProperties.DeadLetters("api-gateway-dlq-redrive", 10, 100, 100_000, Duration.ofSeconds(60)));
            assertThat(fromYml).isEqualTo(defaults);
            assertThat(context.getEnvironment().getProperty("server.port")).isEqualTo("8000");
            assertThat(context.getEnvironment().getProperty("springdoc.swagger-ui.path")).isEqualTo("/docs");
        });
        withYml.withPropertyValues("GATEWAY_API_KEY=abcdefghijklmnop-key", "GATEWAY_READ_API_KEY=leitura-abcdefghijklmnop",
                "SERVER_PORT=9001").run(context -> {
            assertThat(context.getBean(GatewayProperties.class).security().apiKey()).isEqualTo("abcdefghijklmnop-key");
            assertThat(context.getBean(GatewayProperties.class).security().readApiKey()).isEqualTo("leitura-abcdefghijklmnop");
            assertThat(context.getEnvironment().getProperty("server.port")).isEqualTo("9001");
        });
    }

    @Test
    void theApiKeysNeverAppearInToString() {
        runner.withPropertyValues("gateway.security.api-key=super-secret-key-123456",
                "gateway.security.read-api-key=other-secret-read-key-42").run(context -> {
            GatewayProperties p = context.getBean(GatewayProperties.class);
            assertThat(p.security().apiKey()).isEqualTo("super-secret-key-123456");
            assertThat(p.toString()).doesNotContain("super-secret").doesNotContain("other-secret").contains("apiKey=****")
                    .contains("readApiKey=****");
        });
    }

    @Test
    void theReadKeyMustDifferFromTheAdminKey() {
        runner.withPropertyValues("gateway.security.api-key=the-same-key-0123456", "gateway.security.read-api-key=the-same-key-0123456")
                .run(context -> {
                    assertThat(context).hasFailed();
                    Throwable root = context.getStartupFailure();
                    while (root.getCause() != null) {
                        root = root.getCause();
                    }
                    assertThat(root).hasMessage("gateway.security.read-api-key (GATEWAY_READ_API_KEY) must differ from "
                            + "gateway.security.api-key (GATEWAY_API_KEY): a read key must not open the POST routes");
                });
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "gateway.paging.max-limit|0|gateway.paging.max-limit must be between 1 and 10000, was 0",
        "gateway.paging.max-limit|10001|gateway.paging.max-limit must be between 1 and 10000, was 10001",
        "gateway.paging.default-limit|0|gateway.paging.default-limit must be between 1 and gateway.paging.max-limit (500), was 0",
        "gateway.paging.default-limit|501|gateway.paging.default-limit must be between 1 and gateway.paging.max-limit (500), was 501",
        "gateway.security.api-key|short-key|gateway.security.api-key (GATEWAY_API_KEY) must be at least 16 characters long, was 9",
        "gateway.security.read-api-key|short|gateway.security.read-api-key (GATEWAY_READ_API_KEY) must be at least 16 characters long, was 5",
        "gateway.security.trusted-proxies|proxy.example.com|gateway.security.trusted-proxies 'proxy.example.com' is not an IP address or CIDR block such as 10.0.0.5 or 10.0.0.0/24",
        "gateway.security.trusted-proxies|10.0.0.0/33|gateway.security.trusted-proxies '10.0.0.0/33' has a prefix outside 0..32",
        "gateway.reads.max-skip|-1|gateway.reads.max-skip must be 0 or more, was -1",
        "gateway.reads.query-timeout|500ms|gateway.reads.query-timeout must be a whole number of seconds, at least 1s, was PT0.5S",
        "gateway.reads.query-timeout|1500ms|gateway.reads.query-timeout must be a whole number of seconds, at least 1s, was PT1.5S",
        "gateway.reads.pool-size|0|gateway.reads.pool-size must be between 1 and 20, was 0",
        "gateway.reads.connection-timeout|100ms|gateway.reads.connection-timeout must be at least 250ms, was PT0.1S",
        "gateway.rate-limit.requests-per-period|0|gateway.rate-limit.requests-per-period must be at least 1, was 0",
        "gateway.rate-limit.period|0s|gateway.rate-limit.period must be positive, was PT0S",
        "gateway.rate-limit.max-clients|0|gateway.rate-limit.max-clients must be at least 1, was 0",
        "gateway.runs.keep|0|gateway.runs.keep must be at least 1, was 0",
        "gateway.runs.stale-after|-1m|gateway.runs.stale-after must be positive, was PT-1M",
        "gateway.runs.group-id-prefix|' '|gateway.runs.group-id-prefix must not be blank",
        "gateway.nightly.cron|0 0 25 * * *|gateway.nightly.cron '0 0 25 * * *' is not a valid cron expression (six fields: second minute hour day month weekday)",
        "gateway.nightly.cron|0 1 * * *|gateway.nightly.cron '0 1 * * *' is not a valid cron expression (six fields: second minute hour day month weekday)",
        "gateway.nightly.zone|America/Sao Paulo|gateway.nightly.zone 'America/Sao Paulo' is not a time zone id such as America/Sao_Paulo",
        "gateway.nightly.entities|produtos,produtos|gateway.nightly.entities [produtos, produtos] repeat an entity",
        "gateway.nightly.log-dir|' '|gateway.nightly.log-dir must not be blank",
        "gateway.nightly.follow-for|0s|gateway.nightly.follow-for must be positive, was PT0S",
        "gateway.nightly.progress-every|-5s|gateway.nightly.progress-every must be positive, was PT-5S",
        "gateway.nightly.lock-timeout|0s|gateway.nightly.lock-timeout must be positive, was PT0S",
        "gateway.nightly.lock-topic|gateway nightly|gateway.nightly.lock-topic 'gateway nightly' is not a legal Kafka topic name",
        "gateway.dead-letters.redrive-group|' '|gateway.dead-letters.redrive-group must not be blank",
        "gateway.dead-letters.max-latest|0|gateway.dead-letters.max-latest must be between 1 and 1000, was 0",
        "gateway.dead-letters.latest|101|gateway.dead-letters.latest must be between 1 and gateway.dead-letters.max-latest (100), was 101",
        "gateway.dead-letters.latest|0|gateway.dead-letters.latest must be between 1 and gateway.dead-letters.max-latest (100), was 0",
        "gateway.dead-letters.max-scan|0|gateway.dead-letters.max-scan must be at least 1, was 0",
        "gateway.dead-letters.timeout|0s|gateway.dead-letters.timeout must be positive, was PT0S",
    })
    void invalidSettingsStopStartUpNamingTheSetting(String key, String value, String message) {
        runner.withPropertyValues(key + "=" + value).run(context -> {
            assertThat(context).hasFailed();
            Throwable root = context.getStartupFailure();
            while (root.getCause() != null) {
                root = root.getCause();
            }
            assertThat(root).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
        });
    }
}
