package br.com.cdcplusoft.dev.harness;

import br.com.cdcplusoft.dev.broker.LocalKafkaBroker;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * The Kafka broker in a JVM of its own, so that a harness can stop it (SIGTERM or closing its
 * standard input: a controlled shutdown) or kill it (SIGKILL) and start it again on the same data
 * folder: {@link LocalKafkaBroker}, a real single-node KRaft broker that keeps the cluster id of a
 * folder it formatted before. Prints {@value #READY} and the bootstrap servers once it serves; exits
 * when its standard input closes, so it never outlives a harness that was killed.
 *
 * <p>{@code java -cp <classpath> br.com.cdcplusoft.dev.harness.BrokerMain <data-dir> <port>}
 */
public final class BrokerMain {

    public static final String READY = "BROKER-READY";

    private BrokerMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: BrokerMain <data-dir> <port>");
        }
        LocalKafkaBroker broker = LocalKafkaBroker.startOrJoin(Path.of(args[0]).toAbsolutePath(), Integer.parseInt(args[1]));
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "broker-shutdown"));
        System.out.println(READY + " " + broker.bootstrapServers());
        System.out.flush();
        InputStream in = System.in;
        while (in.read() >= 0) {
            // nothing is read from it: its end is the signal
        }
        System.exit(0);
    }
}
