package br.com.cdcplusoft.extractor.debezium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml: there is no Docker engine here, so the stack is kept right by construction.
 * {@code docker-compose config} validates it against the Compose schema when the binary is
 * installed (.ci/run installs Debian's docker-compose), with an example {@code .env} of generated
 * secrets, and must refuse it without one; the structural rules below always run.
 */
class DebeziumComposeFileTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path COMPOSE = ROOT.resolve("docker-compose.yml");
    private static final List<String> APPS = List.of("extractor", "mapper-streams", "plusoft-sink", "api-gateway");
    /** Every secret of the stack: none may have a default, so a forgotten one stops the stack instead of opening it. */
    private static final List<String> SECRETS = List.of("GATEWAY_API_KEY", "GATEWAY_READ_API_KEY", "ORACLE_SYS_PASSWORD",
            "CONSINCO_DB_PASSWORD", "ORACLE_CDC_PASSWORD", "PLUSOFT_TOKEN");
    /** Services that must never be reachable from another host. */
    private static final List<String> LOCAL_ONLY = List.of("kafka", "connect", "oracle", "plusoft-sim");

    @Test
    void dockerComposeValidatesTheFileWithAnExampleEnv(@TempDir Path dir) throws Exception {
        Optional<Path> binary = onPath("docker-compose");
        // reported as skipped, not passed, where the binary is missing; the structure is still checked below
        assumeTrue(binary.isPresent(), "docker-compose is not installed (.ci/run installs Debian's docker-compose)");
        Path env = dir.resolve("example.env");
        String adminKey = UUID.randomUUID().toString();
        StringBuilder example = new StringBuilder("# an example .env: every secret set, none of them a real one\n");
        for (String secret : SECRETS) {
            example.append(secret).append('=').append(secret.equals("GATEWAY_API_KEY") ? adminKey : UUID.randomUUID()).append('\n');
        }
        Files.writeString(env, example);
        Result valid = compose(binary.get(), "--env-file", env.toString(), "-f", COMPOSE.toString(), "config");
        assertThat(valid.exit()).as("docker-compose config said: %s", valid.output()).isZero();
        // the resolved file: the secrets from the .env, the local-only ports on 127.0.0.1
        assertThat(valid.output()).contains(adminKey).contains("127.0.0.1").doesNotContain("change-me");
    }

    @Test
    void dockerComposeRefusesTheFileWithoutTheSecrets(@TempDir Path dir) throws Exception {
        Optional<Path> binary = onPath("docker-compose");
        assumeTrue(binary.isPresent(), "docker-compose is not installed (.ci/run installs Debian's docker-compose)");
        Path env = dir.resolve("empty.env");
        Files.writeString(env, "# no secrets\n");
        Result refused = compose(binary.get(), "--env-file", env.toString(), "-f", COMPOSE.toString(), "config", "-q");
        assertThat(refused.exit()).as("docker-compose config without secrets said: %s", refused.output()).isNotZero();
        assertThat(refused.output()).contains("in .env or the environment");
    }

    @Test
    void noSecretHasADefaultAndKafkaConnectAndOracleListenOnLoopbackOnly() throws IOException {
        String text = Files.readString(COMPOSE);
        for (String secret : SECRETS) {
            Matcher uses = Pattern.compile("\\$\\{" + secret + "\\W").matcher(text);
            int count = 0;
            while (uses.find()) {
                count++;
                assertThat(text.substring(uses.start(), uses.start() + secret.length() + 4))
                        .as("every use of %s refuses to start without it", secret).isEqualTo("${" + secret + ":?");
            }
            assertThat(count).as("uses of %s", secret).isPositive();
        }
        assertThat(text).doesNotContain(":-change-me").doesNotContain(":-demo-token");
        Map<String, Map<String, Object>> services = services();
        for (String local : LOCAL_ONLY) {
            assertThat(list(services.get(local).get("ports"))).as("ports of %s", local).isNotEmpty()
                    .allSatisfy(port -> assertThat(port).startsWith("127.0.0.1:"));
        }
        services.forEach((name, service) -> {
            if (!LOCAL_ONLY.contains(name) && !name.equals("api-gateway")) {
                assertThat(service).as("%s publishes no port", name).doesNotContainKey("ports");
            }
        });
        assertThat(map(services.get("api-gateway").get("environment"))).containsKeys("GATEWAY_API_KEY", "GATEWAY_READ_API_KEY");
    }

    private record Result(int exit, String output) {
    }

    private static Result compose(Path binary, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(binary.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        // only what the env file says: no secret of the machine running the test may fill a gap
        SECRETS.forEach(builder.environment()::remove);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    @Test
    void everyLongRunningServiceHasAHealthcheckAndEveryDependencyWaitsForIt() throws IOException {
        Map<String, Map<String, Object>> services = services();

        services.forEach((name, service) -> {
            if (!oneShot(service)) {
                Map<String, Object> healthcheck = map(service.get("healthcheck"));
                assertThat(healthcheck).as("healthcheck of %s", name).isNotNull().containsKey("test");
            }
            Object dependsOn = service.get("depends_on");
            if (dependsOn == null) {
                return;
            }
            assertThat(dependsOn).as("depends_on of %s must use the long form with conditions", name).isInstanceOf(Map.class);
            map(dependsOn).forEach((target, spec) -> {
                assertThat(services).as("%s depends on an unknown service", name).containsKey(target);
                String expected = oneShot(services.get(target)) ? "service_completed_successfully" : "service_healthy";
                assertThat(map(spec)).as("%s -> %s", name, target).containsEntry("condition", expected);
            });
        });
    }

    @Test
    void theStackHasItsParts() throws IOException {
        Map<String, Map<String, Object>> services = services();

        assertThat((String) services.get("kafka").get("image")).startsWith("apache/kafka:");
        assertThat(map(services.get("kafka").get("environment"))).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller");
        assertThat((String) services.get("oracle").get("image")).startsWith("gvenzl/oracle-free:");
        assertThat(list(services.get("oracle").get("volumes")))
                .contains("./db/oracle:/opt/consinco-sql:ro", "./docker/oracle/initdb:/container-entrypoint-initdb.d:ro");
        assertThat(services).containsKeys("connect", "connect-init", "plusoft-sim");
        assertThat(Files.readString(ROOT.resolve("docker/connect/Dockerfile"))).contains("debezium-connector-oracle");
        assertThat(String.join(" ", list(services.get("connect-init").get("entrypoint"))))
                .contains("apply-connector.sh", "consinco-oracle.json");
        for (String app : APPS) {
            Map<String, Object> build = map(services.get(app).get("build"));
            assertThat(build).as("build of %s", app).containsEntry("context", ".").containsEntry("dockerfile", "docker/app/Dockerfile");
            assertThat(map(build.get("args"))).containsEntry("MODULE", app);
            assertThat(ROOT.resolve(app).resolve("pom.xml")).as("module of %s", app).exists();
        }
    }

    @Test
    void mapperAndSinkCanBeScaled() throws IOException {
        Map<String, Map<String, Object>> services = services();

        for (String scaled : List.of("mapper-streams", "plusoft-sink")) {
            assertThat(services.get(scaled)).as("--scale %s needs no fixed name and no host port", scaled)
                    .doesNotContainKeys("container_name", "ports");
        }
    }

    @Test
    void everyMountedOrBuiltPathExists() throws IOException {
        services().forEach((name, service) -> {
            Map<String, Object> build = map(service.get("build"));
            if (build != null) {
                Path context = ROOT.resolve((String) build.get("context"));
                assertThat(context).as("build context of %s", name).isDirectory();
                assertThat(context.resolve((String) build.getOrDefault("dockerfile", "Dockerfile"))).as("Dockerfile of %s", name).isRegularFile();
            }
            for (String volume : list(service.get("volumes"))) {
                if (volume.startsWith("./")) {
                    assertThat(ROOT.resolve(volume.substring(0, volume.indexOf(':')))).as("volume of %s", name).exists();
                }
            }
        });
        assertThat(ROOT.resolve("connect-config/apply-connector.sh")).isExecutable();
        try (Stream<Path> init = Files.list(ROOT.resolve("docker/oracle/initdb"))) {
            assertThat(init.filter(p -> p.toString().endsWith(".sh"))).allSatisfy(p -> assertThat(p).isExecutable());
        }
    }

    private static boolean oneShot(Map<String, Object> service) {
        return "no".equals(String.valueOf(service.get("restart")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() throws IOException {
        try (Reader reader = Files.newBufferedReader(COMPOSE)) {
            Map<String, Object> compose = new Yaml(new LoaderOptions()).load(reader);
            return (Map<String, Map<String, Object>>) compose.get("services");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<String> list(Object value) {
        return value == null ? List.of() : (List<String>) value;
    }

    private static Optional<Path> onPath(String binary) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(File.pathSeparator)).map(dir -> Path.of(dir, binary)).filter(Files::isExecutable).findFirst();
    }
}
