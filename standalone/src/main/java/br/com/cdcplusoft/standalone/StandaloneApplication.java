package br.com.cdcplusoft.standalone;

import br.com.cdcplusoft.dev.DemoEnvironment;
import br.com.cdcplusoft.extractor.ExtractorApplication;
import br.com.cdcplusoft.gateway.GatewayApplication;
import br.com.cdcplusoft.mapper.MapperApplication;
import br.com.cdcplusoft.sink.PlusoftSinkApplication;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole pipeline in one JVM, for a first look and for small sites: the embedded broker and
 * Consinco demo database (unless the environment names real ones), then the four services, each in
 * its own Spring context with its own configuration file, exactly as they run when deployed apart.
 * Only the gateway serves HTTP ({@code SERVER_PORT}, default 8000); the Plusoft simulator, when
 * {@code PLUSOFT_BASE_URL} is unset, listens on 127.0.0.1:8099.
 */
public final class StandaloneApplication implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StandaloneApplication.class);

    private final List<ConfigurableApplicationContext> contexts;

    private StandaloneApplication(List<ConfigurableApplicationContext> contexts) {
        this.contexts = contexts;
    }

    /** The demo's name in its consumer groups when PIPELINE_INSTANCE_ID is unset: one standalone per broker. */
    static final String DEFAULT_INSTANCE_ID = "standalone";

    public static void main(String[] args) {
        DemoEnvironment.applyToSystemProperties();
        String instanceId = System.getenv("PIPELINE_INSTANCE_ID");
        if (instanceId == null || instanceId.isBlank()) {
            // static membership: after a crash the restarted demo takes its partitions back at once
            System.setProperty("pipeline.instance-id", DEFAULT_INSTANCE_ID);
        }
        StandaloneApplication app = start(args);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            DemoEnvironment.shutdown();
        }, "standalone-shutdown"));
    }

    /**
     * Starts the four services; {@code args} reach every one of them ({@code --key=value} outranks
     * their configuration files, as the environment does).
     */
    public static StandaloneApplication start(String... args) {
        List<ConfigurableApplicationContext> started = new ArrayList<>();
        try {
            started.add(run(MapperApplication.class, MapperApplication.CONFIG_NAME, WebApplicationType.NONE, args));
            started.add(run(PlusoftSinkApplication.class, PlusoftSinkApplication.CONFIG_NAME, WebApplicationType.NONE, args));
            started.add(run(ExtractorApplication.class, ExtractorApplication.CONFIG_NAME, WebApplicationType.NONE, args));
            started.add(run(GatewayApplication.class, GatewayApplication.CONFIG_NAME, WebApplicationType.SERVLET, args));
        } catch (RuntimeException e) {
            Collections.reverse(started);
            started.forEach(ConfigurableApplicationContext::close);
            throw e;
        }
        log.info("Pipeline running: gateway on http://127.0.0.1:{}/docs",
                started.get(started.size() - 1).getEnvironment().getProperty("local.server.port"));
        return new StandaloneApplication(started);
    }

    private static ConfigurableApplicationContext run(Class<?> application, String configName, WebApplicationType web,
                                                      String... args) {
        return new SpringApplicationBuilder(application)
                .web(web)
                .registerShutdownHook(false)
                .properties("spring.config.name=" + configName)
                .run(args);
    }

    /** The context of one service, e.g. {@code context(GatewayApplication.class)}. */
    public ConfigurableApplicationContext context(Class<?> application) {
        return contexts.stream().filter(c -> c.getBeanNamesForType(application).length > 0)
                .findFirst().orElseThrow(() -> new IllegalArgumentException(application.getSimpleName() + " is not running here"));
    }

    public List<ConfigurableApplicationContext> contexts() {
        return List.copyOf(contexts);
    }

    /** Stops the services in reverse order: the gateway first, the mapper last. */
    @Override
    public synchronized void close() {
        List<ConfigurableApplicationContext> reversed = new ArrayList<>(contexts);
        Collections.reverse(reversed);
        for (ConfigurableApplicationContext context : reversed) {
            try {
                context.close();
            } catch (RuntimeException e) {
                log.warn("Stopping {} failed: {}", context.getId(), e.getMessage());
            }
        }
    }
}
