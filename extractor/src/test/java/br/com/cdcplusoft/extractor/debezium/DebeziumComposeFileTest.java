package br.com.cdcplusoft.extractor.debezium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml: there is no Docker engine here, so the stack is kept right by construction.
 * {@code docker-compose config -q} validates it against the Compose schema when the binary is
 * installed (.ci/run installs Debian's docker-compose); the structural rules below always run.
 */
class DebeziumComposeFileTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path COMPOSE = ROOT.resolve("docker-compose.yml");
    private static final List<String> APPS = List.of("extractor", "mapper-streams", "plusoft-sink", "api-gateway");

    @Test
    void dockerComposeValidatesTheFile() throws Exception {
        Optional<Path> binary = onPath("docker-compose");
        // reported as skipped, not passed, where the binary is missing; the structure is still checked below
        assumeTrue(binary.isPresent(), "docker-compose is not installed (.ci/run installs Debian's docker-compose)");
        Process process = new ProcessBuilder(binary.get().toString(), "-f", COMPOSE.toString(), "config", "-q")
                .directory(ROOT.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("docker-compose config -q said: %s", output).isZero();
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
