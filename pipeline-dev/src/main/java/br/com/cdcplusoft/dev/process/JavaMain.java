package br.com.cdcplusoft.dev.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a class's {@code main} in a child JVM with this JVM's class path and exactly the environment
 * given (nothing inherited), the way an operator starts a service on a fresh host: for tests of what
 * a service does at start-up.
 */
public final class JavaMain {

    private JavaMain() {
    }

    /** What the child printed (stdout and stderr together) and how it ended. */
    public record Result(int exitCode, String output) {
    }

    /**
     * @param environment the child's whole environment
     * @param timeout     how long the child may run; it is killed after that and the result says so (exit code -1)
     */
    public static Result run(Class<?> mainClass, Map<String, String> environment, Duration timeout, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process = builder.start();
        // read while it runs: a full pipe would block the child
        StringBuilder output = new StringBuilder();
        // Java 17: no Thread.ofPlatform()
        Thread reader = new Thread(() -> {
            try {
                output.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                output.append("<output lost: ").append(e.getMessage()).append('>');
            }
        }, "java-main-output");
        reader.setDaemon(true);
        reader.start();
        boolean ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!ended) {
            process.destroyForcibly().waitFor();
        }
        reader.join(Duration.ofSeconds(10).toMillis());
        synchronized (output) {
            return new Result(ended ? process.exitValue() : -1, output.toString());
        }
    }
}
