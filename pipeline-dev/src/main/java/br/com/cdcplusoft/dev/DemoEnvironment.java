package br.com.cdcplusoft.dev;

import br.com.cdcplusoft.dev.broker.LocalKafkaBroker;
import br.com.cdcplusoft.dev.demo.ConsincoDemoDatabase;
import br.com.cdcplusoft.dev.demo.DemoScale;
import br.com.cdcplusoft.dev.simulator.PlusoftSimulator;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's infrastructure, started only by the standalone application (never by a service on its
 * own): for each part of the environment contract left unset it starts, or joins, the embedded
 * counterpart and returns the Spring properties that point the services at it.
 * <ul>
 *   <li>{@code KAFKA_BOOTSTRAP_SERVERS} unset: a single-node KRaft broker on 127.0.0.1:9092;</li>
 *   <li>{@code CONSINCO_DB_URL} unset: the seeded H2 Consinco demo database on 127.0.0.1:9095;</li>
 *   <li>{@code PLUSOFT_BASE_URL} unset: the Plusoft simulator on 127.0.0.1:8099, with a local bearer token.</li>
 * </ul>
 */
public final class DemoEnvironment {

    /** The bearer token the demo's sink sends and the demo's simulator requires. */
    public static final String SIMULATOR_TOKEN = "token-do-simulador-local";

    private static final Logger log = LoggerFactory.getLogger(DemoEnvironment.class);
    private static LocalKafkaBroker broker;
    private static ConsincoDemoDatabase database;
    private static PlusoftSimulator simulator;

    private DemoEnvironment() {
    }

    /**
     * @param env usually {@code System::getenv}
     * @return Spring properties to add as defaults (empty when everything is configured)
     */
    public static synchronized Map<String, Object> ensure(UnaryOperator<String> env) {
        Map<String, Object> props = new LinkedHashMap<>();
        Path data = Path.of(orDefault(env.apply("PIPELINE_DATA_DIR"), "data"));
        if (isBlank(env.apply("KAFKA_BOOTSTRAP_SERVERS"))) {
            if (broker == null) {
                broker = LocalKafkaBroker.startOrJoin(data.resolve("kafka"), LocalKafkaBroker.DEFAULT_PORT);
            }
            props.put("spring.kafka.bootstrap-servers", broker.bootstrapServers());
        }
        if (isBlank(env.apply("CONSINCO_DB_URL"))) {
            if (database == null) {
                try {
                    database = ConsincoDemoDatabase.startOrJoin(data.resolve("h2"),
                            Integer.parseInt(orDefault(env.apply("CONSINCO_DEMO_PORT"), "" + ConsincoDemoDatabase.DEFAULT_PORT)),
                            demoScale(env.apply("CONSINCO_DEMO_VENDAS")));
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot start the Consinco demo database: " + e.getMessage(), e);
                }
            }
            props.put("spring.datasource.url", database.url());
            props.put("spring.datasource.username", ConsincoDemoDatabase.USER);
            props.put("spring.datasource.password", ConsincoDemoDatabase.PASSWORD);
        }
        if (isBlank(env.apply("PLUSOFT_BASE_URL"))) {
            if (simulator == null) {
                simulator = PlusoftSimulator.start(Integer.parseInt(
                        orDefault(env.apply("PLUSOFT_SIMULATOR_PORT"), "" + PlusoftSimulator.DEFAULT_PORT)))
                        .requireBearer(SIMULATOR_TOKEN);
            }
            props.put("plusoft.base-url", simulator.baseUri().toString());
            props.put("plusoft.auth.type", "bearer");
            props.put("plusoft.auth.token", SIMULATOR_TOKEN);
            log.info("Demo: delivering to the Plusoft simulator at {} (GET {}{})", simulator.baseUri(), simulator.baseUri(),
                    PlusoftSimulator.COUNTS_PATH);
        }
        if (!props.isEmpty()) {
            log.info("Demo parts in use for: {}", props.keySet());
        }
        return props;
    }

    /**
     * Applies {@link #ensure} to the JVM's system properties, which outrank every configuration file:
     * the modules' yml still name the environment variables.
     */
    public static Map<String, Object> applyToSystemProperties() {
        Map<String, Object> props = ensure(System::getenv);
        props.forEach((k, v) -> System.setProperty(k, String.valueOf(v)));
        return props;
    }

    /** Stops what {@link #ensure} started in this JVM (a joined broker or database is left alone). */
    public static synchronized void shutdown() {
        if (simulator != null) {
            simulator.close();
            simulator = null;
        }
        if (database != null) {
            database.close();
            database = null;
        }
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    private static DemoScale demoScale(String vendaItems) {
        return isBlank(vendaItems) ? DemoScale.DEFAULT : DemoScale.forVendaItems(Integer.parseInt(vendaItems.trim()));
    }

    private static String orDefault(String value, String fallback) {
        return isBlank(value) ? fallback : value;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
