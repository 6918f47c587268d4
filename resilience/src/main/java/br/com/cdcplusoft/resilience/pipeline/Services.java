package br.com.cdcplusoft.resilience.pipeline;

import static org.awaitility.Awaitility.await;

import br.com.cdcplusoft.dev.demo.ConsincoDemoDatabase;
import br.com.cdcplusoft.resilience.infra.Layout;
import br.com.cdcplusoft.resilience.process.ChildProcess;
import br.com.cdcplusoft.resilience.process.Children;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;

/**
 * The four deployables, each started as an operator starts it ({@code java -Xmx256m -jar
 * <module>-exec.jar}), configured by the environment contract (KAFKA_BOOTSTRAP_SERVERS,
 * CONSINCO_DB_*, PLUSOFT_BASE_URL/PLUSOFT_TOKEN, SERVER_PORT, GATEWAY_API_KEY, PIPELINE_DATA_DIR)
 * plus Spring {@code --key=value} arguments, and awaited until ready: Actuator health for the web
 * services, a stable consumer group for the mapper (it has no HTTP) and for the sink.
 */
public final class Services {

    public static final String EXTRACTOR = "extractor";
    public static final String MAPPER = "mapper-streams";
    public static final String SINK = "plusoft-sink";
    public static final String GATEWAY = "api-gateway";
    public static final String MAPPER_GROUP = "plusoft-mapper";
    public static final String SINK_GROUP = "plusoft-sink";
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    /**
     * @param plusoftToken the sink's bearer token (the receiver requires it; no log may show it)
     * @param apiKey       the gateway's X-API-Key
     * @param sinkArgs     Spring arguments of the sink (timeouts, limits) on top of its yml
     */
    public record Settings(String plusoftToken, String apiKey, List<String> extractorArgs, List<String> mapperArgs,
                           List<String> sinkArgs, List<String> gatewayArgs) {
    }

    private final Layout layout;
    private final Settings settings;
    private final Map<String, ChildProcess> processes = new LinkedHashMap<>();
    private final Map<String, List<String>> args = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public Services(Children children, Layout layout, Settings settings) {
        this.layout = layout;
        this.settings = settings;
        define(children, EXTRACTOR, layout.extractorPort(), Map.of(), settings.extractorArgs());
        define(children, MAPPER, 0, Map.of(), settings.mapperArgs());
        define(children, SINK, layout.sinkPort(), Map.of(
                "PLUSOFT_BASE_URL", "http://127.0.0.1:" + layout.receiverPort(),
                "PLUSOFT_TOKEN", settings.plusoftToken()), settings.sinkArgs());
        define(children, GATEWAY, layout.gatewayPort(), Map.of("GATEWAY_API_KEY", settings.apiKey()), settings.gatewayArgs());
    }

    private void define(Children children, String module, int port, Map<String, String> extraEnv, List<String> moduleArgs) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", layout.bootstrapServers());
        env.put("CONSINCO_DB_URL", ConsincoDemoDatabase.tcpUrl(layout.databasePort()));
        env.put("CONSINCO_DB_USER", ConsincoDemoDatabase.USER);
        env.put("CONSINCO_DB_PASSWORD", ConsincoDemoDatabase.PASSWORD);
        env.put("PIPELINE_DATA_DIR", layout.data(module).toString());
        env.put("SERVER_PORT", Integer.toString(port == 0 ? 0 : port));
        env.putAll(extraEnv);
        List<String> command = new ArrayList<>(List.of(Layout.java(), "-Xmx256m", "-XX:+ExitOnOutOfMemoryError", "-XX:TieredStopAtLevel=1",
                "-jar", layout.jar(module).toString()));
        processes.put(module, children.define(module, command, env, layout.data(module)));
        args.put(module, List.copyOf(moduleArgs));
    }

    public ChildProcess process(String module) {
        return processes.get(module);
    }

    /** Starts every service and waits until each is ready. */
    public void startAll() {
        for (String module : processes.keySet()) {
            processes.get(module).start(args.get(module));
        }
        for (String module : processes.keySet()) {
            awaitReady(module);
        }
    }

    /** SIGTERM to every service (as an orchestrator stops them), then waits for each to exit. */
    public void stopAll() {
        List<ChildProcess> all = new ArrayList<>(processes.values());
        java.util.Collections.reverse(all);
        for (ChildProcess p : all) {
            p.stop(Duration.ofSeconds(60));
        }
    }

    /** Starts one service again (a new generation), with extra Spring arguments, and waits until it is ready. */
    public void restart(String module, List<String> extraArgs) {
        List<String> all = new ArrayList<>(args.get(module));
        all.addAll(extraArgs);
        processes.get(module).start(all);
        awaitReady(module);
    }

    public void awaitReady(String module) {
        ChildProcess p = processes.get(module);
        switch (module) {
            case EXTRACTOR -> {
                awaitHealth(p, layout.extractorPort(), "/actuator/health");
                p.awaitLog(Pattern.compile("Polling \\d+ entities"), READY_TIMEOUT);
            }
            case MAPPER -> {
                p.awaitLog(Pattern.compile("Mapper streams \\w+ -> RUNNING"), READY_TIMEOUT);
                awaitStableGroup(p, MAPPER_GROUP);
            }
            case SINK -> {
                awaitHealth(p, layout.sinkPort(), "/actuator/health");
                awaitStableGroup(p, SINK_GROUP);
            }
            case GATEWAY -> awaitHealth(p, layout.gatewayPort(), "/actuator/health/readiness");
            default -> throw new IllegalArgumentException(module);
        }
    }

    private void awaitHealth(ChildProcess p, int port, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(3)).build();
        try {
            await(p.name() + " ready on " + path).atMost(READY_TIMEOUT).pollInterval(Duration.ofMillis(500))
                    .failFast(p.name() + " exited", () -> !p.alive())
                    .ignoreExceptions()
                    .until(() -> http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
        } catch (RuntimeException e) {
            throw new IllegalStateException(e.getMessage() + "; end of " + p.log() + ":\n" + ChildProcess.tail(p.log(), 40), e);
        }
    }

    /** The group has members and owns its partitions (no rebalance in progress). */
    private void awaitStableGroup(ChildProcess p, String group) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, layout.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            await(group + " stable").atMost(READY_TIMEOUT).pollInterval(Duration.ofMillis(500))
                    .failFast(p.name() + " exited", () -> !p.alive())
                    .ignoreExceptions()
                    .until(() -> {
                        ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get();
                        return d.groupState() == GroupState.STABLE && !d.members().isEmpty()
                                && d.members().stream().allMatch(m -> !m.assignment().topicPartitions().isEmpty());
                    });
        } catch (RuntimeException e) {
            throw new IllegalStateException(e.getMessage() + "; end of " + p.log() + ":\n" + ChildProcess.tail(p.log(), 40), e);
        }
    }
}
