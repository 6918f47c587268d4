package br.com.cdcplusoft.dev.harness;

import static org.awaitility.Awaitility.await;

import br.com.cdcplusoft.dev.demo.ConsincoDemoDatabase;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deployables, each started as an operator starts it ({@code java -Xmx.. -jar <module>-exec.jar})
 * with the whole environment contract (KAFKA_BOOTSTRAP_SERVERS, CONSINCO_DB_URL/_USER/_PASSWORD,
 * PLUSOFT_BASE_URL, PLUSOFT_TOKEN, GATEWAY_API_KEY, SERVER_PORT, PIPELINE_DATA_DIR, PIPELINE_INSTANCE_ID:
 * a service refuses to start without the ones it needs) plus Spring {@code --key=value} arguments, and
 * awaited until ready: Actuator health for the web services, the extractor's first poll, the Kafka
 * Streams client RUNNING and its group stable for the mapper (it has no HTTP), a stable group with its
 * partitions for the sink. Each instance is one {@link ChildProcess}: a restart is its next generation.
 *
 * <p>An instance is named: a module's first instance by the module ({@code plusoft-sink}), more of
 * them by {@link Builder#instance}. The name is the instance's {@code PIPELINE_INSTANCE_ID} (static
 * group membership, as a StatefulSet's pod name: the same across restarts, unique among live instances)
 * and its folder, so two instances of the mapper keep apart state.
 */
public final class Services {

    public static final String EXTRACTOR = "extractor";
    public static final String MAPPER = "mapper-streams";
    public static final String SINK = "plusoft-sink";
    public static final String GATEWAY = "api-gateway";
    /** The four in one JVM (not a deployable: the demo's application). */
    public static final String STANDALONE = "standalone";
    public static final String MAPPER_GROUP = "plusoft-mapper";
    public static final String SINK_GROUP = "plusoft-sink";

    private static final Logger log = LoggerFactory.getLogger(Services.class);
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration STOP_GRACE = Duration.ofSeconds(60);
    private static final Pattern EXTRACTOR_POLLING = Pattern.compile("Polling \\d+ entities");
    private static final Pattern STREAMS_RUNNING = Pattern.compile("Mapper streams \\w+ -> RUNNING");

    /**
     * Where and how a Consinco database is reached.
     *
     * @param driver a JDBC driver jar the exec jars do not carry (they carry Oracle's only: no H2, no PostgreSQL),
     *               put on Spring Boot's {@code loader.path}; or null
     */
    public record Consinco(String url, String user, String password, Path driver) {

        /** The H2 demo database served on TCP by {@link ConsincoDemoDatabase} on {@code port}, with H2's driver. */
        public static Consinco demo(int port) {
            return new Consinco(ConsincoDemoDatabase.tcpUrl(port), ConsincoDemoDatabase.USER, ConsincoDemoDatabase.PASSWORD,
                    jarOf(org.h2.Driver.class));
        }

        /** The jar (or classes folder) a class was loaded from: a driver's, to hand to the services. */
        public static Path jarOf(Class<?> type) {
            try {
                return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            } catch (URISyntaxException | RuntimeException e) {
                throw new IllegalStateException("cannot locate the jar of " + type.getName(), e);
            }
        }
    }

    /**
     * How the services are started; built with {@link #builder()}.
     *
     * @param jars           the exec jar of each module
     * @param work           each module's working folder is {@code <work>/<module>}, its state {@code <work>/<module>/data}
     * @param plusoftToken   the sink's bearer token (never logged)
     * @param apiKey         the gateway's X-API-Key
     * @param ports          SERVER_PORT per module (0 or absent: a random port; the mapper serves no HTTP)
     * @param heaps          -Xmx per module, {@code defaultHeap} for the others
     * @param jvmArgs        JVM options of every service
     * @param gcLog          a GC log per start
     * @param flightRecording a flight recording per start
     * @param args           Spring arguments per module (every instance of it) or per instance, given at every start
     * @param instances      the module of each instance not named after its module
     */
    public record Settings(Function<String, Path> jars, Path work, String bootstrapServers, Consinco consinco, URI plusoftBaseUrl,
                           String plusoftToken, String apiKey, Map<String, Integer> ports, String defaultHeap,
                           Map<String, String> heaps, List<String> jvmArgs, boolean gcLog, boolean flightRecording,
                           Map<String, List<String>> args, Map<String, String> instances) {

        public Settings {
            Objects.requireNonNull(jars, "jars");
            Objects.requireNonNull(work, "work");
            requireText("bootstrapServers (KAFKA_BOOTSTRAP_SERVERS)", bootstrapServers);
            Objects.requireNonNull(consinco, "consinco (CONSINCO_DB_URL/_USER/_PASSWORD)");
            requireText("consinco.url (CONSINCO_DB_URL)", consinco.url());
            requireText("consinco.user (CONSINCO_DB_USER)", consinco.user());
            Objects.requireNonNull(consinco.password(), "consinco.password (CONSINCO_DB_PASSWORD)");
            Objects.requireNonNull(plusoftBaseUrl, "plusoftBaseUrl (PLUSOFT_BASE_URL)");
            requireText("plusoftToken (PLUSOFT_TOKEN)", plusoftToken);
            requireText("apiKey (GATEWAY_API_KEY)", apiKey);
            ports = Map.copyOf(ports);
            heaps = Map.copyOf(heaps);
            jvmArgs = List.copyOf(jvmArgs);
            Map<String, List<String>> copy = new LinkedHashMap<>();
            args.forEach((module, list) -> copy.put(module, List.copyOf(list)));
            args = Collections.unmodifiableMap(copy);
            instances = Map.copyOf(instances);
        }

        /** The module an instance runs: {@code name} itself unless declared by {@link Builder#instance}. */
        public String module(String name) {
            return instances.getOrDefault(name, name);
        }

        private static void requireText(String what, String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("Services.Settings: " + what + " is required (the services refuse to start without it)");
            }
        }

        public static Builder builder() {
            return new Builder();
        }

        @Override
        public String toString() {
            return "Settings[work=" + work + ", bootstrapServers=" + bootstrapServers + ", consinco=" + consinco.url()
                    + ", plusoftBaseUrl=" + plusoftBaseUrl + ", ports=" + ports + "]";
        }
    }

    /** Named settings; required: jars, work, bootstrap servers, Consinco, Plusoft URL and token, API key. */
    public static final class Builder {
        private Function<String, Path> jars;
        private Path work;
        private String bootstrapServers;
        private Consinco consinco;
        private URI plusoftBaseUrl;
        private String plusoftToken;
        private String apiKey;
        private final Map<String, Integer> ports = new LinkedHashMap<>();
        private String defaultHeap = "256m";
        private final Map<String, String> heaps = new LinkedHashMap<>();
        private final List<String> jvmArgs = new ArrayList<>();
        private boolean gcLog;
        private boolean flightRecording;
        private final Map<String, List<String>> args = new LinkedHashMap<>();
        private final Map<String, String> instances = new LinkedHashMap<>();

        private Builder() {
        }

        /** {@code <dir>/<module>.jar}: exec jars copied by the build (resilience). */
        public Builder jarsIn(Path dir) {
            this.jars = module -> dir.resolve(module + ".jar");
            return this;
        }

        /** {@code <repo>/<module>/target/<module>-<version>-exec.jar}: a built checkout (bench). */
        public Builder jarsInTargets(Path repo, String version) {
            this.jars = module -> repo.resolve(module).resolve("target").resolve(module + "-" + version + "-exec.jar");
            return this;
        }

        public Builder work(Path work) {
            this.work = work;
            return this;
        }

        public Builder kafka(String bootstrapServers) {
            this.bootstrapServers = bootstrapServers;
            return this;
        }

        public Builder consinco(Consinco consinco) {
            this.consinco = consinco;
            return this;
        }

        public Builder plusoft(URI baseUrl, String token) {
            this.plusoftBaseUrl = baseUrl;
            this.plusoftToken = token;
            return this;
        }

        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        public Builder port(String module, int port) {
            ports.put(module, port);
            return this;
        }

        public Builder ports(Map<String, Integer> byModule) {
            ports.putAll(byModule);
            return this;
        }

        public Builder heap(String xmx) {
            this.defaultHeap = xmx;
            return this;
        }

        public Builder heap(String module, String xmx) {
            heaps.put(module, xmx);
            return this;
        }

        public Builder jvmArgs(String... more) {
            jvmArgs.addAll(List.of(more));
            return this;
        }

        public Builder gcLog(boolean on) {
            this.gcLog = on;
            return this;
        }

        public Builder flightRecording(boolean on) {
            this.flightRecording = on;
            return this;
        }

        public Builder args(String module, List<String> more) {
            args.computeIfAbsent(module, m -> new ArrayList<>()).addAll(more);
            return this;
        }

        public Builder args(Map<String, List<String>> byModule) {
            byModule.forEach(this::args);
            return this;
        }

        /**
         * One more instance of {@code module}, named {@code name}: its own PIPELINE_INSTANCE_ID, folder
         * and log; give it its own {@link #port} when the module serves HTTP.
         */
        public Builder instance(String name, String module) {
            if (name.equals(module) || name.startsWith(module + "-") && name.substring(module.length() + 1).matches("\\d+")) {
                // Kafka appends -<n> to the instance id of each consumer: mapper-streams-1 is the first one's thread 1
                throw new IllegalArgumentException("instance name " + name + " is taken by " + module + "'s own consumers");
            }
            instances.put(name, module);
            return this;
        }

        public Settings build() {
            return new Settings(jars, work, bootstrapServers, consinco, plusoftBaseUrl, plusoftToken, apiKey, ports, defaultHeap, heaps,
                    jvmArgs, gcLog, flightRecording, args, instances);
        }
    }

    private final Children children;
    private final Settings settings;
    private final Map<String, ChildProcess> processes = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public Services(Children children, Settings settings) {
        this.children = children;
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    /** The exec jar of a module, or of an instance's module. */
    public Path jar(String name) {
        return settings.jars().apply(settings.module(name));
    }

    /** Modules whose exec jar is missing (not built yet). */
    public List<String> missing(List<String> modules) {
        return modules.stream().filter(m -> !Files.isRegularFile(jar(m))).toList();
    }

    public int port(String module) {
        return settings.ports().getOrDefault(module, 0);
    }

    /** The instance's process (defined, not started, on first use); a module's first instance is named after it. */
    public synchronized ChildProcess process(String name) {
        return processes.computeIfAbsent(name, this::define);
    }

    private ChildProcess define(String name) {
        String module = settings.module(name);
        Path dir = settings.work().resolve(name);
        JavaCommand command = JavaCommand.create().heap(settings.heaps().getOrDefault(name,
                        settings.heaps().getOrDefault(module, settings.defaultHeap())))
                .jvmArgs(settings.jvmArgs()).flightRecording(settings.flightRecording());
        if (settings.gcLog()) {
            command.gcLog();
        }
        if (settings.consinco().driver() != null) {
            // Spring Boot's PropertiesLauncher runs the same jar with one more jar on its class path
            command.jvmArg("-Dloader.path=" + settings.consinco().driver())
                    .main(jar(name).toString(), "org.springframework.boot.loader.launch.PropertiesLauncher");
        } else {
            command.jar(jar(name));
        }
        command.args(settings.args().getOrDefault(module, List.of()));
        if (!name.equals(module)) {
            command.args(settings.args().getOrDefault(name, List.of()));
        }
        return children.define(name, command, environment(name), dir);
    }

    /** The environment contract of the instance's process. */
    Map<String, String> environment(String name) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", settings.bootstrapServers());
        env.put("CONSINCO_DB_URL", settings.consinco().url());
        env.put("CONSINCO_DB_USER", settings.consinco().user());
        env.put("CONSINCO_DB_PASSWORD", settings.consinco().password());
        env.put("PLUSOFT_BASE_URL", settings.plusoftBaseUrl().toString());
        env.put("PLUSOFT_TOKEN", settings.plusoftToken());
        env.put("GATEWAY_API_KEY", settings.apiKey());
        env.put("SERVER_PORT", Integer.toString(port(name)));
        // the standalone JVM reuses the mapper's state folder: no state restore from the changelog at its start
        String state = name.equals(STANDALONE) ? MAPPER : name;
        env.put("PIPELINE_DATA_DIR", settings.work().resolve(state).resolve("data").toString());
        // static membership: a restarted instance takes its own partitions back without waiting for its old session
        env.put("PIPELINE_INSTANCE_ID", name);
        return env;
    }

    /** Starts the module's next generation with {@code extraArgs} after its settings' arguments, and returns once it is ready. */
    public ChildProcess start(String module, List<String> extraArgs) {
        ChildProcess child = process(module);
        long started = System.nanoTime();
        log.info("starting {} (port {})", module, port(module));
        child.start(extraArgs);
        awaitReady(module);
        log.info("{} ready in {} s (pid {})", module, (System.nanoTime() - started) / 1_000_000_000, child.pid());
        return child;
    }

    /** Starts the modules together, then waits until each is ready. */
    public void startAll(List<String> modules) {
        for (String module : modules) {
            log.info("starting {} (port {})", module, port(module));
            process(module).start();
        }
        for (String module : modules) {
            awaitReady(module);
        }
    }

    /** SIGTERM, as an orchestrator stops a service; SIGKILL after a minute. */
    public void stop(String module) {
        stop(process(module));
    }

    public void stop(ChildProcess child) {
        log.info("stopping {}", child.name());
        child.stop(STOP_GRACE);
    }

    /** Stops every service started, in reverse order of definition. */
    public void stopAll() {
        List<ChildProcess> all;
        synchronized (this) {
            all = new ArrayList<>(processes.values());
        }
        Collections.reverse(all);
        for (ChildProcess p : all) {
            if (p.alive()) {
                stop(p);
            }
        }
    }

    /**
     * Waits until the instance's current generation is ready; fails early when it exits, quoting the end of its log.
     * Ready: the extractor's health UP and its first poll logged; the mapper's Kafka Streams client RUNNING and its
     * group stable with this instance in it; the sink's health UP and its group stable with this instance's
     * consumers in it; the gateway's readiness UP; the standalone all of these.
     */
    public void awaitReady(String name) {
        ChildProcess p = process(name);
        switch (settings.module(name)) {
            case EXTRACTOR -> {
                awaitHealth(p, "/actuator/health");
                p.awaitLog(EXTRACTOR_POLLING, READY_TIMEOUT);
            }
            case MAPPER -> {
                // from its log: a Kafka Streams member does not leave its group when it stops, so the group
                // of an instance stopped a moment ago can still look stable
                p.awaitLog(STREAMS_RUNNING, READY_TIMEOUT);
                awaitStableGroup(p, MAPPER_GROUP);
            }
            case SINK -> {
                awaitHealth(p, "/actuator/health");
                awaitStableGroup(p, SINK_GROUP);
            }
            case GATEWAY -> awaitHealth(p, "/actuator/health/readiness");
            case STANDALONE -> {
                awaitHealth(p, "/actuator/health");
                p.awaitLog(STREAMS_RUNNING, READY_TIMEOUT);
                awaitStableGroup(p, SINK_GROUP);
            }
            default -> throw new IllegalArgumentException("not a service: " + name);
        }
    }

    private void awaitHealth(ChildProcess p, String path) {
        int port = port(p.name());
        if (port == 0) {
            throw new IllegalStateException(p.name() + " has no fixed port (Services.Settings ports): its health cannot be read");
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build();
        awaitReady(p, "health UP on " + port + path,
                () -> http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
    }

    /**
     * The group is stable (no rebalance in progress), holds the instance's consumers (their
     * {@code group.instance.id} is its name plus Kafka's {@code -<n>}) and has its partitions assigned.
     * A static member killed a moment ago is still in the group under the same id until its
     * session expires or the new generation takes its place, so this does not prove the new
     * generation has joined yet: a restart counts as ready a little early, never late.
     */
    private void awaitStableGroup(ChildProcess p, String group) {
        Pattern own = Pattern.compile(Pattern.quote(p.name()) + "-\\d+");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers()))) {
            awaitReady(p, "consumer group " + group + " stable with " + p.name() + "'s consumers and its partitions assigned", () -> {
                ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get();
                return d.groupState() == GroupState.STABLE
                        && d.members().stream().anyMatch(m -> m.groupInstanceId().filter(id -> own.matcher(id).matches()).isPresent())
                        && d.members().stream().anyMatch(m -> !m.assignment().topicPartitions().isEmpty());
            });
        }
    }

    private static void awaitReady(ChildProcess p, String what, java.util.concurrent.Callable<Boolean> ready) {
        try {
            await(p.name() + ": " + what).atMost(READY_TIMEOUT).pollInterval(Duration.ofMillis(500))
                    .failFast(p.name() + " exited", () -> !p.alive())
                    .ignoreExceptions()
                    .until(ready);
        } catch (ConditionTimeoutException | TerminalFailureException e) {
            throw new IllegalStateException(e.getMessage() + "; end of " + p.log() + ":\n" + p.tail(40), e);
        }
    }
}
