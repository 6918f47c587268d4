package br.com.cdcplusoft.bench.infra;

import br.com.cdcplusoft.bench.data.VendasGenerator;
import br.com.cdcplusoft.dev.demo.ConsincoDemoDatabase;
import br.com.cdcplusoft.dev.demo.DemoScale;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.h2.tools.Server;

/**
 * The source database in a JVM of its own, as a database server is: H2 in Oracle mode, a file
 * database served on TCP (127.0.0.1) to the services, the baseline and the benchmark. Rows are
 * generated in this JVM through an embedded connection to the same open database (much faster
 * than JDBC batches over TCP), on command from the benchmark:
 *
 * <pre>
 *   stdin:  grow &lt;rows&gt; &lt;filiais&gt; &lt;produtos&gt; &lt;clientes&gt;
 *   stdout: BENCH-REPLY grow rows=&lt;rows&gt; inserted=&lt;n&gt; seconds=&lt;s&gt;   (or BENCH-REPLY error &lt;message&gt;)
 * </pre>
 * It exits when its standard input closes, so a killed benchmark does not leave it behind.
 *
 * <p>{@code java -cp bench.jar:lib/* br.com.cdcplusoft.bench.infra.H2ServerMain <dir> <port> <cacheKb>}
 */
public final class H2ServerMain {

    private H2ServerMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]).toAbsolutePath().normalize();
        int port = Integer.parseInt(args[1]);
        int cacheKb = Integer.parseInt(args[2]);
        Files.createDirectories(dir);
        // open the database in-process first, so the TCP server serves this same instance
        Connection embedded = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("consinco")
                + ConsincoDemoDatabase.URL_OPTIONS + ";CACHE_SIZE=" + cacheKb, ConsincoDemoDatabase.USER, ConsincoDemoDatabase.PASSWORD);
        Server server = Server.createTcpServer("-tcpPort", Integer.toString(port), "-baseDir", dir.toString()).start();
        System.out.println("BENCH-READY h2 " + server.getURL());
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                String[] cmd = line.trim().split("\\s+");
                try {
                    if (cmd[0].equals("grow")) {
                        VendasGenerator.State state = VendasGenerator.grow(embedded, VendasGenerator.Dialect.H2, Long.parseLong(cmd[1]),
                                new DemoScale(Integer.parseInt(cmd[2]), Integer.parseInt(cmd[3]), Integer.parseInt(cmd[4]), 0),
                                msg -> System.out.println("progress " + msg));
                        try (Statement s = embedded.createStatement()) {
                            // fresh selectivity figures for the optimizer, as a DBA's nightly statistics job would keep
                            s.execute("ANALYZE");
                        }
                        System.out.printf("BENCH-REPLY grow rows=%d inserted=%d seconds=%.1f%n", state.rows(), state.insertedRows(),
                                state.seconds());
                    } else {
                        System.out.println("BENCH-REPLY error unknown command " + cmd[0]);
                    }
                } catch (Exception e) {
                    e.printStackTrace(System.out);
                    System.out.println("BENCH-REPLY error " + e.getMessage().replace('\n', ' '));
                }
            }
        }
        server.stop();
        embedded.close();
        System.out.println("h2 server stopped");
        System.exit(0);
    }
}
