package br.com.cdcplusoft.core.dev;

import br.com.cdcplusoft.core.demo.ConsincoDemoDatabase;
import br.com.cdcplusoft.core.demo.DemoScale;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The environment contract's embedded defaults: when {@code KAFKA_BOOTSTRAP_SERVERS} or
 * {@code CONSINCO_DB_URL} is unset, start (or join) a local broker and the seeded H2 demo database,
 * and return the properties that point a Spring application at them. With both set, nothing is
 * started or seeded.
 */
public final class DevInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(DevInfrastructure.class);
    private static LocalKafkaBroker broker;
    private static ConsincoDemoDatabase database;

    private DevInfrastructure() {
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
        if (!props.isEmpty()) {
            log.info("Embedded defaults in use: {}", props.keySet());
        }
        return props;
    }

    /**
     * Applies {@link #ensure} to the JVM's system properties, which outrank every configuration file:
     * the module's yml may still name the environment variables for documentation.
     */
    public static Map<String, Object> applyToSystemProperties() {
        Map<String, Object> props = ensure(System::getenv);
        props.forEach((k, v) -> System.setProperty(k, String.valueOf(v)));
        return props;
    }

    /** Stops what {@link #ensure} started in this JVM (a joined broker or database is left alone). */
    public static synchronized void shutdown() {
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
