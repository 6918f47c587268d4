package br.com.cdcplusoft.dev.harness;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a child JVM: the same JDK as this one, JVM options, a jar or a main class,
 * program arguments. A GC log and a flight recording are asked for here and named per start by
 * {@link ChildProcess}, so that every generation of a restarted process keeps its own.
 */
public final class JavaCommand {

    private final List<String> jvm = new ArrayList<>();
    private final List<String> launch = new ArrayList<>();
    private final List<String> args = new ArrayList<>();
    private boolean gcLog;
    private boolean flightRecording;

    private JavaCommand() {
    }

    public static JavaCommand create() {
        return new JavaCommand();
    }

    /** The {@code java} launcher of the JDK this JVM runs on. */
    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public JavaCommand heap(String xmx) {
        return jvmArg("-Xmx" + xmx);
    }

    public JavaCommand jvmArg(String arg) {
        jvm.add(arg);
        return this;
    }

    public JavaCommand jvmArgs(List<String> more) {
        jvm.addAll(more);
        return this;
    }

    /** A unified GC log ({@code -Xlog:gc}) per start, with the JVM's uptime on every line. */
    public JavaCommand gcLog() {
        gcLog = true;
        return this;
    }

    /**
     * A flight recording per start when {@code on}, with the JDK's "profile" settings (execution samples
     * every 10 ms, about 2% overhead), written when the JVM exits.
     */
    public JavaCommand flightRecording(boolean on) {
        flightRecording = on;
        return this;
    }

    public JavaCommand jar(Path jar) {
        launch.clear();
        launch.add("-jar");
        launch.add(jar.toString());
        return this;
    }

    public JavaCommand main(String classpath, String mainClass) {
        launch.clear();
        launch.add("-cp");
        launch.add(classpath);
        launch.add(mainClass);
        return this;
    }

    public JavaCommand args(List<String> more) {
        args.addAll(more);
        return this;
    }

    boolean writesGcLog() {
        return gcLog;
    }

    boolean recordsFlight() {
        return flightRecording;
    }

    JavaCommand copy() {
        JavaCommand copy = new JavaCommand();
        copy.jvm.addAll(jvm);
        copy.launch.addAll(launch);
        copy.args.addAll(args);
        copy.gcLog = gcLog;
        copy.flightRecording = flightRecording;
        return copy;
    }

    /** The command without GC log or recording (a one-shot tool). */
    public List<String> build() {
        return build(null, null, List.of());
    }

    /**
     * @param gcFile    where the GC log goes, or null for none
     * @param jfrFile   where the recording goes, or null for none
     * @param extraArgs program arguments after those given here (e.g. Spring {@code --key=value})
     */
    List<String> build(Path gcFile, Path jfrFile, List<String> extraArgs) {
        if (launch.isEmpty()) {
            throw new IllegalStateException("no jar or main class given");
        }
        List<String> all = new ArrayList<>();
        all.add(javaExecutable());
        all.addAll(jvm);
        if (gcFile != null) {
            all.add("-Xlog:gc:file=" + gcFile + ":uptime,level,tags:filecount=0");
        }
        if (jfrFile != null) {
            all.add("-XX:StartFlightRecording=filename=" + jfrFile + ",dumponexit=true,settings=profile");
        }
        all.addAll(launch);
        all.addAll(args);
        all.addAll(extraArgs);
        return all;
    }
}
