package br.com.cdcplusoft.bench.pipeline;

import br.com.cdcplusoft.bench.Console;
import br.com.cdcplusoft.bench.infra.SourceDatabase;
import br.com.cdcplusoft.bench.process.ChildProcess;
import br.com.cdcplusoft.bench.process.JavaCommand;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;

/**
 * Starts the pipeline's deployables as an operator would: each its own {@code java -Xmx.. -jar
 * <module>-exec.jar}, configured by the environment contract (CONSINCO_DB_*, KAFKA_BOOTSTRAP_SERVERS,
 * PLUSOFT_BASE_URL/PLUSOFT_TOKEN, SERVER_PORT, GATEWAY_API_KEY, PIPELINE_DATA_DIR) plus Spring
 * {@code --key=value} arguments, and waits until each is ready (Actuator health UP; the Kafka Streams
 * client RUNNING; the sink's partitions assigned).
 */
public final class Services {

    public static final String EXTRACTOR = "extractor";
    public static final String MAPPER = "mapper-streams";
    public static final String SINK = "plusoft-sink";
    public static final String GATEWAY = "api-gateway";
    public static final String STANDALONE = "standalone";
    public static final String MAPPER_GROUP = "plusoft-mapper";
    public static final String SINK_GROUP = "plusoft-sink";
    public static final String API_KEY = "bench-api-key-0123456789";
    private static final String VERSION = "1.0.0-SNAPSHOT";
    private static final Pattern STREAMS_RUNNING = Pattern.compile("stream-client .*State transition from REBALANCING to RUNNING");

    /**
     * @param extraDriver a JDBC driver jar the exec jars lack (PostgreSQL), put on Spring Boot's loader.path; or null
     * @param extraArgs   more {@code --key=value} arguments per module (tuning experiments)
     */
    public record Settings(Path repo, Path work, String marker, SourceDatabase db, String bootstrap, URI receiver,
                           Map<String, Integer> ports, String heap, String standaloneHeap, boolean profile,
                           Path extraDriver, Map<String, List<String>> extraArgs) {
    }

    private final Settings settings;
    private final ChildProcess.Registry children;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Numbers every service start of this benchmark run: each gets its own log, GC log and recording. */
    private static final java.util.concurrent.atomic.AtomicInteger STARTS = new java.util.concurrent.atomic.AtomicInteger();

    public Services(Settings settings, ChildProcess.Registry children) {
        this.settings = settings;
        this.children = children;
    }

    public static Path execJar(Path repo, String module) {
        return repo.resolve(module).resolve("target").resolve(module + "-" + VERSION + "-exec.jar");
    }

    /** Modules whose exec jar is missing (not built yet). */
    public List<String> missing(List<String> modules) {
        return modules.stream().filter(m -> !Files.isRegularFile(execJar(settings.repo(), m))).toList();
    }

    public int port(String module) {
        return settings.ports().get(module);
    }

    /** Starts one deployable and returns once it is ready. */
    public ChildProcess start(String module, List<String> args) {
        Path dir = settings.work().resolve("services").resolve(module);
        String suffix = "-" + STARTS.incrementAndGet();
        Path gc = dir.resolve("gc" + suffix + ".log");
        Path jfr = settings.profile() ? dir.resolve(module + suffix + ".jfr") : null;
        JavaCommand cmd = JavaCommand.of(settings.marker())
                .heap(module.equals(STANDALONE) ? settings.standaloneHeap() : settings.heap())
                .gcLog(gc).flightRecording(jfr);
        if (settings.extraDriver() != null) {
            // Spring Boot's PropertiesLauncher runs the same jar with one more jar on its class path
            cmd.jvmArg("-Dloader.path=" + settings.extraDriver())
                    .main(execJar(settings.repo(), module).toString(), "org.springframework.boot.loader.launch.PropertiesLauncher");
        } else {
            cmd.jar(execJar(settings.repo(), module));
        }
        List<String> all = new ArrayList<>(args);
        all.addAll(settings.extraArgs().getOrDefault(module, List.of()));
        cmd.args(all);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CONSINCO_DB_URL", settings.db().url());
        env.put("CONSINCO_DB_USER", settings.db().user());
        env.put("CONSINCO_DB_PASSWORD", settings.db().password());
        env.put("KAFKA_BOOTSTRAP_SERVERS", settings.bootstrap());
        env.put("PLUSOFT_BASE_URL", settings.receiver().toString());
        env.put("PLUSOFT_TOKEN", "bench-token");
        env.put("SERVER_PORT", Integer.toString(port(module)));
        env.put("GATEWAY_API_KEY", API_KEY);
        // the standalone JVM reuses the mapper's state folder: no state restore from the changelog at start
        env.put("PIPELINE_DATA_DIR", settings.work().resolve("services").resolve(module.equals(STANDALONE) ? MAPPER : module)
                .resolve("data").toString());
        Console.say("services", "starting " + module + " (-Xmx" + (module.equals(STANDALONE) ? settings.standaloneHeap()
                : settings.heap()) + ", port " + port(module) + ")");
        ChildProcess child = children.add(ChildProcess.start(module, cmd.build(), dir, env, dir.resolve(module + suffix + ".log"),
                gc, jfr, false));
        long started = System.nanoTime();
        if (!module.equals(MAPPER)) {
            awaitHealthy(child, port(module), Duration.ofMinutes(5));
        }
        // the mapper from its log: a Kafka Streams member does not leave its group when it stops, so the group
        // of an instance stopped a moment ago still looks stable
        if (module.equals(MAPPER) || module.equals(STANDALONE)) {
            child.awaitLog(STREAMS_RUNNING, 0, Duration.ofMinutes(5));
        }
        // the sink from its group: a plain consumer leaves on close, so a stable group with plusoft.vendas assigned is this one
        if (module.equals(SINK) || module.equals(STANDALONE)) {
            awaitSinkAssigned(child, Duration.ofMinutes(5));
        }
        Console.say("services", String.format("%s ready in %.0f s (pid %d)", module, (System.nanoTime() - started) / 1e9, child.pid()));
        return child;
    }

    public void stop(ChildProcess child) {
        Console.say("services", "stopping " + child.name());
        children.stop(child, Duration.ofSeconds(60));
    }

    private void awaitHealthy(ChildProcess child, int port, Duration timeout) {
        URI health = URI.create("http://127.0.0.1:" + port + "/actuator/health");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            checkAlive(child, deadline, "health UP on port " + port);
            sleep(500);
        }
    }

    private void awaitSinkAssigned(ChildProcess child, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", settings.bootstrap()))) {
            while (true) {
                try {
                    ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(SINK_GROUP)).all()
                            .get(10, TimeUnit.SECONDS).get(SINK_GROUP);
                    if (d.groupState() == GroupState.STABLE && d.members().stream().anyMatch(m -> m.assignment().topicPartitions()
                            .stream().anyMatch(tp -> tp.topic().equals("plusoft.vendas")))) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    // the group does not exist yet
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
                checkAlive(child, deadline, "consumer group " + SINK_GROUP + " stable with plusoft.vendas assigned");
                sleep(500);
            }
        }
    }

    private static void checkAlive(ChildProcess child, long deadline, String what) {
        if (!child.alive()) {
            throw new IllegalStateException(child.name() + " exited before " + what + "; end of " + child.log() + ":\n" + child.tail(40));
        }
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException(child.name() + " not ready (" + what + ") in time; end of " + child.log() + ":\n"
                    + child.tail(40));
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
