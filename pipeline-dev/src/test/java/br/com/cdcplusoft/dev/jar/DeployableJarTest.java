package br.com.cdcplusoft.dev.jar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployableJarTest {

    @TempDir
    Path dir;

    @Test
    void namesEveryDemoLibraryAndClassAndNothingElse() throws IOException {
        Path jar = jar("BOOT-INF/lib/pipeline-core-1.0.0-SNAPSHOT.jar", "BOOT-INF/lib/kafka-clients-4.1.2.jar",
                "BOOT-INF/lib/h2-2.4.240.jar", "BOOT-INF/lib/kafka_2.13-4.1.2.jar", "BOOT-INF/lib/pipeline-dev-1.0.0-SNAPSHOT.jar",
                "BOOT-INF/classes/br/com/cdcplusoft/dev/simulator/PlusoftSimulator$Faults.class",
                "BOOT-INF/classes/br/com/cdcplusoft/sink/sender/PlusoftSender.class");

        assertThat(DeployableJar.demoParts(jar)).containsExactly("BOOT-INF/lib/h2-2.4.240.jar",
                "BOOT-INF/lib/kafka_2.13-4.1.2.jar", "BOOT-INF/lib/pipeline-dev-1.0.0-SNAPSHOT.jar",
                "BOOT-INF/classes/br/com/cdcplusoft/dev/simulator/PlusoftSimulator$Faults.class");
        assertThat(DeployableJar.libraries(jar)).hasSize(5).contains("kafka-clients-4.1.2.jar");
    }

    private Path jar(String... entries) throws IOException {
        Path jar = dir.resolve("service-exec.jar");
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String entry : entries) {
                zip.putNextEntry(new ZipEntry(entry));
                zip.closeEntry();
            }
        }
        return jar;
    }
}
