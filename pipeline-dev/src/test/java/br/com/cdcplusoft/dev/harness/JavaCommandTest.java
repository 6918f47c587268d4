package br.com.cdcplusoft.dev.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class JavaCommandTest {

    @Test
    void jvmOptionsThenGcLogAndRecordingThenLaunchThenArguments() {
        JavaCommand command = JavaCommand.create().heap("256m").jvmArg("-Dx=1").gcLog().flightRecording(true)
                .jar(Path.of("/jars/sink.jar")).args(List.of("--a=1"));

        assertThat(command.build(Path.of("/logs/sink-2.gc.log"), Path.of("/logs/sink-2.jfr"), List.of("--b=2")))
                .containsExactly(JavaCommand.javaExecutable(), "-Xmx256m", "-Dx=1",
                        "-Xlog:gc:file=/logs/sink-2.gc.log:uptime,level,tags:filecount=0",
                        "-XX:StartFlightRecording=filename=/logs/sink-2.jfr,dumponexit=true,settings=profile",
                        "-jar", "/jars/sink.jar", "--a=1", "--b=2");
        assertThat(command.writesGcLog()).isTrue();
        assertThat(command.recordsFlight()).isTrue();
    }

    @Test
    void aMainClassReplacesAJarAndNoGcLogByDefault() {
        JavaCommand command = JavaCommand.create().jar(Path.of("x.jar")).main("a.jar:b.jar", "x.Main");

        assertThat(command.build()).containsExactly(JavaCommand.javaExecutable(), "-cp", "a.jar:b.jar", "x.Main");
        assertThat(command.writesGcLog()).isFalse();
        assertThat(command.recordsFlight()).isFalse();
    }

    @Test
    void aCopyDoesNotChangeWithTheOriginal() {
        JavaCommand original = JavaCommand.create().main("cp", "x.Main");
        JavaCommand copy = original.copy();
        original.args(List.of("more"));

        assertThat(copy.build()).doesNotContain("more");
    }

    @Test
    void withoutJarOrMainClassNothingIsBuilt() {
        assertThatThrownBy(() -> JavaCommand.create().heap("1g").build())
                .isInstanceOf(IllegalStateException.class).hasMessage("no jar or main class given");
    }
}
