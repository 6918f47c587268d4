package br.com.cdcplusoft.resilience.replay;

import br.com.cdcplusoft.dev.harness.JavaCommand;
import br.com.cdcplusoft.resilience.infra.Layout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Kafka's own consumer-group tool, run as an operator runs {@code kafka-consumer-groups.sh}: a
 * separate JVM with Kafka's tools on the classpath ({@code org.apache.kafka.tools.consumer.group.ConsumerGroupCommand},
 * the class the script starts).
 */
public final class OffsetReset {

    public static final String TOOL = "org.apache.kafka.tools.consumer.group.ConsumerGroupCommand";

    /** The command's exit code and what it printed. */
    public record Result(List<String> command, int exitCode, String output) {
    }

    private OffsetReset() {
    }

    /**
     * {@code kafka-consumer-groups --bootstrap-server B --group G --reset-offsets --to-offset N --topic T:P --execute}.
     * The group must have no active member (stop the consumers first), as the tool requires.
     */
    public static Result toOffset(Layout layout, String group, String topic, int partition, long offset, Path log) {
        List<String> args = List.of("--bootstrap-server", layout.bootstrapServers(), "--group", group, "--reset-offsets",
                "--to-offset", Long.toString(offset), "--topic", topic + ":" + partition, "--execute");
        return run(layout, args, log);
    }

    /** {@code kafka-consumer-groups --bootstrap-server B --describe --group G}. */
    public static Result describe(Layout layout, String group, Path log) {
        return run(layout, List.of("--bootstrap-server", layout.bootstrapServers(), "--describe", "--group", group), log);
    }

    private static Result run(Layout layout, List<String> args, Path log) {
        List<String> command = JavaCommand.create().heap("128m").main(layout.classpath(), TOOL).args(args).build();
        try {
            Files.createDirectories(log.getParent());
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("kafka-consumer-groups did not finish within 2 minutes; see " + log);
            }
            return new Result(command.subList(command.indexOf(TOOL), command.size()), p.exitValue(),
                    Files.readString(log, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run kafka-consumer-groups: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
