package br.com.cdcplusoft.boot;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The environment contract of a service started on its own: every variable it needs must resolve to
 * a value, or start-up stops before anything connects anywhere, naming every missing variable at
 * once. Nothing falls back to a demo: the embedded broker, demo database and Plusoft simulator start
 * only in the standalone application.
 *
 * <p>Each requirement pairs the environment variable an operator sets with the Spring property the
 * service reads ({@code spring.kafka.bootstrap-servers: ${KAFKA_BOOTSTRAP_SERVERS:}} in its yml), so
 * a value given as {@code --spring.kafka.bootstrap-servers=...} satisfies it too.
 */
public final class RequiredSettings implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    /** How to see the pipeline without any infrastructure, named in every refusal. */
    public static final String DEMO_HINT = "To run the whole pipeline as a demo instead (embedded broker, demo database and "
            + "Plusoft simulator), start the standalone application: java -jar standalone/target/standalone-1.0.0-SNAPSHOT-exec.jar. "
            + "To join a running standalone, point these variables at its broker (127.0.0.1:9092), database "
            + "(jdbc:h2:tcp://127.0.0.1:9095/consinco;MODE=Oracle;DEFAULT_NULL_ORDERING=HIGH, consinco/consinco) and simulator "
            + "(http://127.0.0.1:8099).";

    public static final Requirement KAFKA = new Requirement("KAFKA_BOOTSTRAP_SERVERS", "spring.kafka.bootstrap-servers");
    public static final Requirement DB_URL = new Requirement("CONSINCO_DB_URL", "spring.datasource.url");
    public static final Requirement DB_USER = new Requirement("CONSINCO_DB_USER", "spring.datasource.username");
    public static final Requirement DB_PASSWORD = new Requirement("CONSINCO_DB_PASSWORD", "spring.datasource.password");
    public static final Requirement PLUSOFT_URL = new Requirement("PLUSOFT_BASE_URL", "plusoft.base-url");
    /** The bearer token, needed only with {@code plusoft.auth.type=bearer} (the default). */
    public static final Requirement PLUSOFT_TOKEN = new Requirement("PLUSOFT_TOKEN", "plusoft.auth.token",
            "plusoft.auth.type", "bearer");

    private final String service;
    private final List<Requirement> requirements;

    private RequiredSettings(String service, List<Requirement> requirements) {
        this.service = service;
        this.requirements = List.copyOf(requirements);
    }

    public static RequiredSettings of(String service, Requirement... requirements) {
        return new RequiredSettings(service, List.of(requirements));
    }

    public List<Requirement> requirements() {
        return requirements;
    }

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        check(event.getEnvironment());
    }

    /** @throws MissingSettingsException naming every requirement without a value */
    public void check(ConfigurableEnvironment environment) {
        Map<String, Requirement> missing = new LinkedHashMap<>();
        for (Requirement r : requirements) {
            if (r.appliesTo(environment) && environment.getProperty(r.property(), "").isBlank()) {
                missing.put(r.variable(), r);
            }
        }
        if (!missing.isEmpty()) {
            throw new MissingSettingsException(service, List.copyOf(missing.keySet()));
        }
    }

    /**
     * One variable of the environment contract and the Spring property that carries it; with a
     * condition, required only while {@code whenProperty} equals {@code whenValue} (or is unset, when
     * {@code whenValue} is that setting's default).
     */
    public record Requirement(String variable, String property, String whenProperty, String whenValue) {

        public Requirement(String variable, String property) {
            this(variable, property, null, null);
        }

        boolean appliesTo(ConfigurableEnvironment environment) {
            return whenProperty == null
                    || whenValue.equalsIgnoreCase(environment.getProperty(whenProperty, whenValue).strip());
        }
    }
}
