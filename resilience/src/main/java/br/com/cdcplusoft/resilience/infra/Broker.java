package br.com.cdcplusoft.resilience.infra;

import br.com.cdcplusoft.resilience.process.ChildProcess;
import br.com.cdcplusoft.resilience.process.Children;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The broker process ({@link BrokerMain}): started, stopped and started again on the same data folder. */
public final class Broker {

    private static final Pattern READY = Pattern.compile(BrokerMain.READY);

    private final ChildProcess process;
    private final Layout layout;

    public Broker(Children children, Layout layout) {
        this.layout = layout;
        this.process = children.define("kafka", List.of(Layout.java(), "-Xmx768m", "-cp", layout.classpath(),
                BrokerMain.class.getName(), layout.data("kafka").toString(), Integer.toString(layout.brokerPort())),
                Map.of(), layout.data("kafka-work"));
    }

    public Broker start() {
        process.start();
        process.awaitLog(READY, Duration.ofMinutes(2));
        return this;
    }

    /** A clean stop (SIGTERM: the broker's controlled shutdown). */
    public void stop() {
        process.stop(Duration.ofSeconds(60));
    }

    /** SIGKILL: no controlled shutdown, the logs are recovered on the next start. */
    public void kill() {
        process.kill();
    }

    public ChildProcess process() {
        return process;
    }

    public String bootstrapServers() {
        return layout.bootstrapServers();
    }
}
