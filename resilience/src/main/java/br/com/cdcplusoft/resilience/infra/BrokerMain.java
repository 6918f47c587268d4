package br.com.cdcplusoft.resilience.infra;

import br.com.cdcplusoft.dev.broker.LocalKafkaBroker;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The Kafka broker in a JVM of its own, so the suite can stop it (SIGTERM: a clean shutdown) or
 * kill it (SIGKILL) and start it again on the same data folder: pipeline-core's
 * {@link LocalKafkaBroker}, a real single-node KRaft broker that keeps the cluster id of a folder it
 * formatted before.
 *
 * <p>{@code java -cp <classpath> br.com.cdcplusoft.resilience.infra.BrokerMain <data-dir> <port>};
 * prints {@code BROKER-READY <bootstrap>} once it serves.
 */
public final class BrokerMain {

    public static final String READY = "BROKER-READY";

    private BrokerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: BrokerMain <data-dir> <port>");
        }
        LocalKafkaBroker broker = LocalKafkaBroker.startOrJoin(Path.of(args[0]).toAbsolutePath(), Integer.parseInt(args[1]));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "broker-shutdown"));
        System.out.println(READY + " " + broker.bootstrapServers());
        System.out.flush();
        stopped.await();
    }
}
