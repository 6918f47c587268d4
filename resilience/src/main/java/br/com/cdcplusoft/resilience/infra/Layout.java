package br.com.cdcplusoft.resilience.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the suite's processes live: ports (distinct from the defaults of a developer's running
 * pipeline, 9092/9095/8000/8099), data and logs under one work folder, the folder of the
 * deployables' jars and the suite's classpath for the JVMs it starts itself (broker, Kafka CLI).
 */
public record Layout(Path work, Path services, List<Path> harnessClasspath, int brokerPort, int databasePort,
                     int simulatorPort, int receiverPort, int gatewayPort, int extractorPort, int sinkPort, int secondSinkPort) {

    public static final int BROKER_PORT = 29092;
    public static final int DATABASE_PORT = 29095;
    public static final int SIMULATOR_PORT = 28098;
    public static final int RECEIVER_PORT = 28099;
    public static final int GATEWAY_PORT = 28000;
    public static final int EXTRACTOR_PORT = 28001;
    public static final int SINK_PORT = 28002;
    /** The second sink of the failover scenario. */
    public static final int SECOND_SINK_PORT = 28003;

    /**
     * @param work          folder for this run's data and logs (emptied first)
     * @param services      folder holding extractor.jar, mapper-streams.jar, plusoft-sink.jar, api-gateway.jar, standalone.jar
     * @param classesDir    the harness's compiled classes
     * @param classpathFile the harness's dependencies, ':'-separated (mvn dependency:build-classpath)
     */
    public static Layout of(Path work, Path services, Path classesDir, Path classpathFile) {
        try {
            List<Path> classpath = new ArrayList<>();
            classpath.add(classesDir);
            for (String entry : Files.readString(classpathFile).trim().split(java.io.File.pathSeparator)) {
                if (!entry.isBlank()) {
                    classpath.add(Path.of(entry));
                }
            }
            return new Layout(work, services, List.copyOf(classpath), BROKER_PORT, DATABASE_PORT, SIMULATOR_PORT,
                    RECEIVER_PORT, GATEWAY_PORT, EXTRACTOR_PORT, SINK_PORT, SECOND_SINK_PORT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the harness classpath " + classpathFile, e);
        }
    }

    public Path logs() {
        return work.resolve("logs");
    }

    public Path data(String what) {
        return work.resolve("data").resolve(what);
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    public String classpath() {
        return String.join(java.io.File.pathSeparator, harnessClasspath.stream().map(Path::toString).toList());
    }
}
