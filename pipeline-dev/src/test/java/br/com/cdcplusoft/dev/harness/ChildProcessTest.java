package br.com.cdcplusoft.dev.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real child JVMs ({@link EchoMain}), started, restarted, stopped and killed. */
class ChildProcessTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern READY = Pattern.compile("^READY (.*)$");

    @TempDir
    Path dir;

    private Children children;

    @BeforeEach
    void children() {
        children = new Children(dir.resolve("logs")).pidFile(dir.resolve("children.pids")).jvmArg("-Dharness.test=1");
    }

    @AfterEach
    void close() {
        children.close();
    }

    private static JavaCommand echo() {
        return JavaCommand.create().heap("64m").main(System.getProperty("java.class.path"), EchoMain.class.getName());
    }

    @Test
    void everyStartIsAGenerationWithItsOwnLog() {
        ChildProcess child = children.defineWithInput("echo", echo(), Map.of(), dir.resolve("work"));

        child.start(List.of("first"));
        assertThat(child.awaitLog(READY, TIMEOUT).group(1)).isEqualTo("first");
        long pid = child.pid();
        child.stop(Duration.ofSeconds(30));
        assertThat(child.alive()).isFalse();
        child.start(List.of("second"));

        assertThat(child.awaitLog(READY, TIMEOUT).group(1)).isEqualTo("second");
        assertThat(child.generation()).isEqualTo(2);
        assertThat(child.pid()).isNotEqualTo(pid);
        assertThat(child.log()).isEqualTo(dir.resolve("logs").resolve("echo-2.log"));
        assertThat(child.logs()).extracting(p -> p.getFileName().toString()).containsExactly("echo-1.log", "echo-2.log");
        assertThat(child.logs().get(0)).content().contains("READY first").doesNotContain("second");
    }

    @Test
    void linesSentToStandardInputAreAnsweredAfterTheOffsetGiven() {
        ChildProcess child = children.defineWithInput("echo", echo(), Map.of(), dir).start();
        child.awaitLog(READY, TIMEOUT);

        long afterReady = child.logOffset();
        child.send("one");
        ChildProcess.LogMatch one = child.awaitLog(Pattern.compile("^ECHO (\\w+)"), afterReady, TIMEOUT);
        child.send("two");
        ChildProcess.LogMatch two = child.awaitLog(Pattern.compile("^ECHO (\\w+)"), one.nextOffset(), TIMEOUT);

        assertThat(one.group(1)).isEqualTo("one");
        assertThat(two.group(1)).isEqualTo("two");
    }

    @Test
    void stopClosesStandardInputSoTheChildEndsOnItsOwn() {
        ChildProcess child = children.defineWithInput("echo", echo(), Map.of(), dir).start();
        child.awaitLog(READY, TIMEOUT);

        child.stop(Duration.ofSeconds(30));

        assertThat(child.alive()).isFalse();
        assertThat(child.log()).content().contains("BYE");
    }

    @Test
    void killIsSigkillNothingRunsAfterIt() {
        ChildProcess child = children.defineWithInput("echo", echo(), Map.of(), dir).start();
        child.awaitLog(READY, TIMEOUT);

        child.kill();

        assertThat(child.alive()).isFalse();
        assertThat(child.log()).content().doesNotContain("BYE");
    }

    @Test
    void whatAChildLoggedJustBeforeExitingStillCounts() {
        // standard input /dev/null: it prints READY and BYE, then exits
        ChildProcess child = children.define("tool", echo(), Map.of(), dir).start();

        assertThat(child.awaitLog(Pattern.compile("^BYE"), TIMEOUT).group(0)).isEqualTo("BYE");
    }

    @Test
    void aChildThatExitsWithoutTheLineFailsAtOnceQuotingItsLog() {
        ChildProcess child = children.define("tool", echo(), Map.of(), dir).start();

        assertThatThrownBy(() -> child.awaitLog(Pattern.compile("NEVER"), TIMEOUT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("tool exited before logging /NEVER/; end of " + child.log())
                .hasMessageContaining("BYE");
    }

    @Test
    void theEnvironmentAndTheMarkerReachTheChild() throws Exception {
        ChildProcess child = children.defineWithInput("echo", echo(), Map.of("HARNESS_TEST", "yes"), dir).start();
        child.awaitLog(READY, TIMEOUT);

        String cmdline = Files.readString(Path.of("/proc", Long.toString(child.pid()), "cmdline")).replace('\0', ' ');
        String environ = Files.readString(Path.of("/proc", Long.toString(child.pid()), "environ")).replace('\0', ' ');
        assertThat(cmdline).contains("-Dharness.test=1");
        assertThat(environ).contains("HARNESS_TEST=yes");
    }

    @Test
    void thePidFileListsTheLiveChildren() throws Exception {
        ChildProcess a = children.defineWithInput("a", echo(), Map.of(), dir).start();
        ChildProcess b = children.defineWithInput("b", echo(), Map.of(), dir).start();
        assertThat(dir.resolve("children.pids")).content().isEqualTo(a.pid() + " a\n" + b.pid() + " b\n");

        a.stop(Duration.ofSeconds(30));

        assertThat(dir.resolve("children.pids")).content().isEqualTo(b.pid() + " b\n");
    }

    @Test
    void closeStopsEveryChildAndTwoChildrenCannotShareAName() {
        ChildProcess child = children.defineWithInput("echo", echo(), Map.of(), dir).start();

        assertThatThrownBy(() -> children.define("echo", echo(), Map.of(), dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a child named echo is already defined (its logs would mix)");
        children.close();
        assertThat(child.alive()).isFalse();
    }

    @Test
    void startingARunningChildIsRefused() {
        ChildProcess child = children.defineWithInput("echo", echo(), Map.of(), dir).start();

        assertThatThrownBy(child::start).isInstanceOf(IllegalStateException.class)
                .hasMessage("echo is already running (pid " + child.pid() + ")");
    }
}
