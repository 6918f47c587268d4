package br.com.cdcplusoft.bench.infra;

import br.com.cdcplusoft.bench.Console;
import br.com.cdcplusoft.bench.data.VendasGenerator;
import br.com.cdcplusoft.dev.demo.ConsincoDemoDatabase;
import br.com.cdcplusoft.dev.demo.DemoScale;
import br.com.cdcplusoft.dev.harness.ChildProcess;
import br.com.cdcplusoft.dev.harness.Children;
import br.com.cdcplusoft.dev.harness.JavaCommand;
import br.com.cdcplusoft.dev.harness.Services;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.h2.engine.Constants;

/** H2 in Oracle mode, file database, served on TCP by {@link H2ServerMain} in its own JVM. */
public final class H2Source implements SourceDatabase {

    private static final Pattern REPLY = Pattern.compile("^(?:BENCH-REPLY (grow|error) ?(.*)|progress (.*))$");
    private static final Pattern GROWN = Pattern.compile("rows=(\\d+) inserted=(\\d+) seconds=([0-9.]+)");

    private final ChildProcess server;
    private final int port;
    private final String heap;

    private H2Source(ChildProcess server, int port, String heap) {
        this.server = server;
        this.port = port;
        this.heap = heap;
    }

    public static H2Source start(Children children, String classpath, Path dir, int port, String heap, int cacheKb) {
        // standard input open: the server takes its commands there and exits when it closes
        ChildProcess server = children.defineWithInput("h2-server",
                JavaCommand.create().heap(heap).gcLog().main(classpath, H2ServerMain.class.getName())
                        .args(List.of(dir.resolve("db").toString(), Integer.toString(port), Integer.toString(cacheKb))),
                Map.of(), dir).start();
        server.awaitLog(Pattern.compile("BENCH-READY"), Duration.ofSeconds(120));
        return new H2Source(server, port, heap);
    }

    public ChildProcess process() {
        return server;
    }

    @Override
    public String label() {
        return "H2 " + Constants.FULL_VERSION + " (Oracle mode, file database, TCP server in its own JVM at -Xmx" + heap + ")";
    }

    @Override
    public String url() {
        return ConsincoDemoDatabase.tcpUrl(port);
    }

    @Override
    public String user() {
        return ConsincoDemoDatabase.USER;
    }

    @Override
    public String password() {
        return ConsincoDemoDatabase.PASSWORD;
    }

    @Override
    public VendasGenerator.State grow(long rows, DemoScale scale) throws SQLException {
        long offset = server.logOffset();
        long start = System.nanoTime();
        server.send("grow " + rows + " " + scale.filiais() + " " + scale.produtos() + " " + scale.clientes());
        ChildProcess.LogMatch reply;
        while (true) {
            // generating 5M rows takes minutes on a busy machine
            reply = server.awaitLog(REPLY, offset, Duration.ofHours(2));
            offset = reply.nextOffset();
            if (reply.group(1) != null) {
                break;
            }
            Console.say("data", reply.group(3));
        }
        if (reply.group(1).equals("error")) {
            throw new SQLException("generating vendas rows failed: " + reply.group(2) + " (see " + server.log() + ")");
        }
        Matcher m = GROWN.matcher(reply.group(2));
        if (!m.find()) {
            throw new SQLException("unexpected reply from the H2 server: " + reply.group(0));
        }
        Console.say("data", String.format("H2 holds %,d vendas rows (%,d inserted)", Long.parseLong(m.group(1)),
                Long.parseLong(m.group(2))));
        return new VendasGenerator.State(Long.parseLong(m.group(1)), 0, null, Long.parseLong(m.group(2)),
                (System.nanoTime() - start) / 1e9);
    }

    @Override
    public Path driverJar() {
        return Services.Consinco.jarOf(org.h2.Driver.class);
    }

    @Override
    public void close() {
        server.stop(Duration.ofSeconds(60));
    }
}
