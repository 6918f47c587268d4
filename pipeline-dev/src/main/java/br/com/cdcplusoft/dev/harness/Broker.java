package br.com.cdcplusoft.dev.harness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The broker process ({@link BrokerMain}): started, stopped or killed, and started again on the same data folder. */
public final class Broker {

    /** The child's name: its logs are {@code kafka-broker-<generation>.log}. */
    public static final String NAME = "kafka-broker";
    private static final Pattern READY = Pattern.compile(BrokerMain.READY);
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STOP_GRACE = Duration.ofSeconds(60);

    private final ChildProcess process;
    private final int port;

    private Broker(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * @param jvm       heap and JVM options of the broker's JVM (its main class and arguments are set here)
     * @param classpath a class path holding this module and Kafka's server classes
     * @param dataDir   the broker's logs and metadata; kept across restarts
     */
    public static Broker define(Children children, JavaCommand jvm, String classpath, Path dataDir, int port) {
        JavaCommand command = jvm.copy().main(classpath, BrokerMain.class.getName())
                .args(List.of(dataDir.toAbsolutePath().toString(), Integer.toString(port)));
        return new Broker(children.defineWithInput(NAME, command, Map.of(), dataDir.toAbsolutePath().getParent()), port);
    }

    /** Starts it and waits until it serves. */
    public Broker start() {
        process.start();
        process.awaitLog(READY, READY_TIMEOUT);
        return this;
    }

    /** A clean stop: the broker's controlled shutdown. */
    public void stop() {
        process.stop(STOP_GRACE);
    }

    /** SIGKILL: no controlled shutdown, the logs are recovered on the next start. */
    public void kill() {
        process.kill();
    }

    public ChildProcess process() {
        return process;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }
}
