package br.com.cdcplusoft.bench.infra;

import br.com.cdcplusoft.dev.broker.LocalKafkaBroker;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * The Kafka broker in a JVM of its own: a real single-node KRaft broker (pipeline-core's
 * LocalKafkaBroker, Kafka's own server classes) on the benchmark's port, logs under the run's
 * folder. Prints {@code BENCH-READY} once it serves, exits when its standard input closes.
 *
 * <p>{@code java -cp bench.jar:lib/* br.com.cdcplusoft.bench.infra.BrokerMain <dir> <port>}
 */
public final class BrokerMain {

    private BrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        LocalKafkaBroker broker = LocalKafkaBroker.startOrJoin(dir, port);
        System.out.println("BENCH-READY kafka " + broker.bootstrapServers());
        InputStream in = System.in;
        while (in.read() >= 0) {
            // wait for the benchmark to close our standard input
        }
        broker.close();
        System.out.println("kafka broker stopped");
        System.exit(0);
    }
}
