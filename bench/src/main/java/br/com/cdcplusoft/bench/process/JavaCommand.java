package br.com.cdcplusoft.bench.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line of a child JVM: same JDK as the benchmark, heap cap, GC log, optional flight recording. */
public final class JavaCommand {

    private final List<String> jvm = new ArrayList<>();
    private final List<String> launch = new ArrayList<>();
    private final List<String> args = new ArrayList<>();

    private JavaCommand(String marker) {
        jvm.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // names the benchmark that started it: run.sh kills only processes carrying its marker
        jvm.add("-Dbench.child=" + marker);
    }

    public static JavaCommand of(String marker) {
        return new JavaCommand(marker);
    }

    public JavaCommand heap(String xmx) {
        jvm.add("-Xmx" + xmx);
        return this;
    }

    public JavaCommand gcLog(Path file) {
        if (file != null) {
            jvm.add("-Xlog:gc:file=" + file + ":uptime,level,tags:filecount=0");
        }
        return this;
    }

    /** A flight recording with the JDK's "profile" settings (execution samples every 10 ms, about 2% overhead), written at exit. */
    public JavaCommand flightRecording(Path file) {
        if (file != null) {
            jvm.add("-XX:StartFlightRecording=filename=" + file + ",dumponexit=true,settings=profile");
        }
        return this;
    }

    public JavaCommand jvmArg(String arg) {
        jvm.add(arg);
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

    public List<String> build() {
        if (launch.isEmpty()) {
            throw new IllegalStateException("no jar or main class given");
        }
        List<String> all = new ArrayList<>(jvm);
        all.addAll(launch);
        all.addAll(args);
        return all;
    }
}
