package br.com.cdcplusoft.resilience.infra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * The Kafka broker in a JVM of its own, so the suite can stop it (SIGTERM: a clean shutdown) or
 * kill it (SIGKILL) and start it again on the same data folder: a real single-node KRaft broker
 * (Kafka's own server classes), configured as pipeline-core's {@code LocalKafkaBroker}.
 *
 * <p>Unlike {@code LocalKafkaBroker.startOrJoin}, which formats the storage with a new random
 * cluster id on every start (and so cannot start again on a folder it formatted before: "Invalid
 * cluster.id in meta.properties"), this keeps the cluster id of an existing {@code meta.properties}.
 *
 * <p>{@code java -cp <classpath> br.com.cdcplusoft.resilience.infra.BrokerMain <data-dir> <port>};
 * prints {@code BROKER-READY <bootstrap>} once it serves.
 */
public final class BrokerMain {

    public static final String READY = "BROKER-READY";

    private BrokerMain() {
    }

    public static void main(String[] args) throws InterruptedException, IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: BrokerMain <data-dir> <port>");
        }
        Path dataDir = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        Files.createDirectories(dataDir);
        Properties props = properties(dataDir, port);
        Path config = dataDir.resolve("server.properties");
        try (Writer w = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
            props.store(w, "resilience suite single-node KRaft broker");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc = StorageTool.execute(new String[] {"format", "--cluster-id", clusterId(dataDir), "--config", config.toString(),
            "--ignore-formatted"}, new PrintStream(out, true, StandardCharsets.UTF_8));
        if (rc != 0) {
            throw new IllegalStateException("formatting Kafka storage in " + dataDir + " failed: " + out);
        }
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
        server.startup();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            server.awaitShutdown();
            stopped.countDown();
        }, "broker-shutdown"));
        System.out.println(READY + " 127.0.0.1:" + port);
        System.out.flush();
        stopped.await();
    }

    /** The cluster id the folder was formatted with, or a new one for an empty folder. */
    static String clusterId(Path dataDir) throws IOException {
        Path meta = dataDir.resolve("meta.properties");
        if (Files.exists(meta)) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(meta, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            String id = p.getProperty("cluster.id");
            if (id != null && !id.isBlank()) {
                return id;
            }
        }
        return Uuid.randomUuid().toString();
    }

    private static Properties properties(Path dataDir, int port) {
        Properties props = new Properties();
        props.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("controller.quorum.voters", "1@127.0.0.1:" + (port + 1)),
                Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + (port + 1)),
                Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("log.dirs", dataDir.toString()),
                Map.entry("num.partitions", "3"),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "10"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("transaction.state.log.num.partitions", "10"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                Map.entry("auto.create.topics.enable", "false"),
                Map.entry("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024))));
        return props;
    }
}
