package br.com.cdcplusoft.dev.jar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads a service's executable jar (Spring Boot layout) and names every demo part in it: the embedded
 * broker ({@code kafka_2.13}), the H2 demo database, this module ({@code pipeline-dev}) and its classes
 * (broker, demo database, data generator, Plusoft simulator). A deployable must name none.
 */
public final class DeployableJar {

    /** Nested libraries that only the demo and the tests may carry. */
    private static final Pattern DEMO_LIBRARY = Pattern.compile("BOOT-INF/lib/(h2|kafka_2\\.13|pipeline-dev)-[^/]*\\.jar");
    /** Classes of the demo, wherever they would sit. */
    private static final Pattern DEMO_CLASS = Pattern.compile(
            ".*/(LocalKafkaBroker|ConsincoDemoDatabase|DemoDataGenerator|PlusoftSimulator|DemoEnvironment)(\\$.*)?\\.class"
                    + "|.*kafka/server/KafkaRaftServer\\.class|.*org/h2/Driver\\.class");

    private DeployableJar() {
    }

    /** The executable jar Maven built for {@code module} ({@code <module>/target/<module>-<version>-exec.jar}). */
    public static Path of(Path moduleDir) throws IOException {
        try (var files = Files.list(moduleDir.resolve("target"))) {
            return files.filter(p -> p.getFileName().toString().endsWith("-exec.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no *-exec.jar under " + moduleDir.resolve("target")
                            + ": run mvn package first"));
        }
    }

    /**
     * The check every deployable's {@code ExecJarContentIT} runs on its own module.
     *
     * @throws AssertionError naming the jar and every demo part in it, or when it has no library at all
     */
    public static void requireNoDemoParts(Path moduleDir) throws IOException {
        Path jar = of(moduleDir);
        if (libraries(jar).stream().noneMatch(lib -> lib.startsWith("pipeline-core-"))) {
            throw new AssertionError(jar + " is not a service's executable jar: it nests no pipeline-core");
        }
        List<String> demo = demoParts(jar);
        if (!demo.isEmpty()) {
            throw new AssertionError(jar + " carries demo parts, which belong to pipeline-dev and the standalone only: " + demo);
        }
    }

    /** Every library and class entry of {@code jar} that belongs to the demo (empty for a clean deployable). */
    public static List<String> demoParts(Path jar) throws IOException {
        List<String> found = new ArrayList<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                String name = entry.getName();
                if (DEMO_LIBRARY.matcher(name).matches() || DEMO_CLASS.matcher(name).matches()) {
                    found.add(name);
                }
            }
        }
        return found;
    }

    /** The nested library jars of {@code jar}, by file name. */
    public static List<String> libraries(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return Collections.list(zip.entries()).stream().map(ZipEntry::getName)
                    .filter(n -> n.startsWith("BOOT-INF/lib/") && n.endsWith(".jar"))
                    .map(n -> n.substring("BOOT-INF/lib/".length())).toList();
        }
    }
}
