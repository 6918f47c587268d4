package br.com.cdcplusoft.boot;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class RequiredSettingsTest {

    private final RequiredSettings sink = RequiredSettings.of("plusoft-sink", RequiredSettings.KAFKA,
            RequiredSettings.PLUSOFT_URL, RequiredSettings.PLUSOFT_TOKEN);

    @Test
    void namesEveryMissingVariableAtOnceAndHowToRunTheDemo() {
        assertThatThrownBy(() -> sink.check(environment(Map.of("spring.kafka.bootstrap-servers", " "))))
                .isInstanceOf(MissingSettingsException.class)
                .hasMessageStartingWith("plusoft-sink cannot start: missing environment variables KAFKA_BOOTSTRAP_SERVERS, "
                        + "PLUSOFT_BASE_URL, PLUSOFT_TOKEN. ")
                .hasMessageContaining("standalone-1.0.0-SNAPSHOT-exec.jar");
    }

    @Test
    void aConditionalVariableIsRequiredOnlyUnderItsCondition() {
        Map<String, Object> set = new HashMap<>(Map.of("spring.kafka.bootstrap-servers", "kafka:9092",
                "plusoft.base-url", "https://crm.example.com"));
        assertThatThrownBy(() -> sink.check(environment(set))).hasMessageStartingWith(
                "plusoft-sink cannot start: missing environment variable PLUSOFT_TOKEN. ");

        set.put("plusoft.auth.type", "oauth2");
        assertThatCode(() -> sink.check(environment(set))).doesNotThrowAnyException();
        set.put("plusoft.auth.type", "BEARER");
        set.put("plusoft.auth.token", "t");
        assertThatCode(() -> sink.check(environment(set))).doesNotThrowAnyException();
    }

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return environment;
    }
}
