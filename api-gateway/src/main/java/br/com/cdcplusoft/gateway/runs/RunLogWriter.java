package br.com.cdcplusoft.gateway.runs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.TaskScheduler;

/**
 * Writes one dated log file per run the gateway starts ({@link RunLogPaths}): the start, the
 * extraction's progress (one line per chunk read), the delivery's progress (at most one line per
 * {@code progress-every}), the result summary and the errors. It follows the run through the
 * {@link RunTracker} until the run completes or fails, or for at most {@code follow-for}, after
 * which it writes the summary as it stands. Lines carry counts and ids only, never row data.
 */
public final class RunLogWriter {

    private static final Logger log = LoggerFactory.getLogger(RunLogWriter.class);
    private static final DateTimeFormatter LINE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private final Path baseDir;
    private final ZoneId zone;
    private final Clock clock;
    private final Duration followFor;
    private final Duration progressEvery;
    private final RunTracker tracker;
    private final TaskScheduler scheduler;

    public RunLogWriter(Path baseDir, ZoneId zone, Clock clock, Duration followFor, Duration progressEvery,
                        RunTracker tracker, TaskScheduler scheduler) {
        this.baseDir = baseDir;
        this.zone = zone;
        this.clock = clock;
        this.followFor = followFor;
        this.progressEvery = progressEvery;
        this.tracker = tracker;
        this.scheduler = scheduler;
    }

    /**
     * Starts following a run.
     *
     * @param logTime the time in the file name: the nightly slot, or the moment a manual run started
     * @return the log file
     */
    public Path follow(String runId, String entity, Instant logTime) {
        Follower follower = new Follower(file(entity, logTime), runId);
        follower.attach(tracker.follow(runId, follower::update));
        return follower.file;
    }

    /** Records that an entity's run could not start (already running, source unreadable, ...). */
    public Path notStarted(String entity, Instant logTime, String trigger, String reason) {
        Path file = file(entity, logTime);
        append(file, line("ERROR", "run of " + entity + " (trigger " + trigger + ") not started: " + reason));
        return file;
    }

    private Path file(String entity, Instant logTime) {
        return RunLogPaths.of(baseDir, entity, ZonedDateTime.ofInstant(logTime, zone));
    }

    private String line(String level, String message) {
        return LINE_TIME.format(ZonedDateTime.ofInstant(clock.instant(), zone)) + " " + String.format("%-5s", level) + " " + message + "\n";
    }

    private static void append(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            log.warn("Cannot write the run log {}: {}", file, e.toString());
        }
    }

    private static String counts(RunStatus s) {
        RunStatus.Counts c = s.counts();
        return "read=" + c.read() + " published=" + (c.published() == null ? c.read() : c.published()) + " mapped=" + c.mapped()
                + " unchanged=" + c.unchanged() + " delivered=" + c.delivered() + " deadLettered=" + c.deadLettered()
                + " (mapper " + c.mapperDeadLettered() + ", sink " + c.sinkDeadLettered() + ")"
                + (c.missedByPolling() > 0 ? " missedByPolling=" + c.missedByPolling() : "")
                + (c.deletesRefused() > 0 ? " deletesRefused=" + c.deletesRefused() : "");
    }

    private final class Follower {
        final Path file;
        final String runId;
        AutoCloseable handle;
        ScheduledFuture<?> timeout;
        boolean started;
        boolean closed;
        long lastRead = -1;
        RunStatus.State lastState;
        long lastDownstream;
        Instant lastDownstreamLine;
        int errorsWritten;
        int warningsWritten;

        Follower(Path file, String runId) {
            this.file = file;
            this.runId = runId;
        }

        synchronized void attach(AutoCloseable followHandle) {
            handle = followHandle;
            if (closed) {
                finish();
            } else {
                timeout = scheduler.schedule(this::giveUp, clock.instant().plus(followFor));
            }
        }

        synchronized void update(RunStatus s) {
            if (closed) {
                return;
            }
            StringBuilder out = new StringBuilder();
            if (!started) {
                started = true;
                out.append(line("INFO", "START run " + runId + " entity=" + s.entity() + " trigger=" + s.trigger()
                        + " forced=" + s.forced()));
            }
            if (s.counts().read() != lastRead && s.counts().read() > 0) {
                lastRead = s.counts().read();
                out.append(line("INFO", "PROGRESS extraction read=" + lastRead));
            }
            long downstream = s.counts().mapped() + s.counts().unchanged() + s.counts().delivered() + s.counts().deadLettered();
            Instant now = clock.instant();
            if (downstream != lastDownstream && !s.status().terminal()
                    && (lastDownstreamLine == null || !now.isBefore(lastDownstreamLine.plus(progressEvery)))) {
                lastDownstream = downstream;
                lastDownstreamLine = now;
                out.append(line("INFO", "PROGRESS delivery " + counts(s)));
            }
            while (s.errors() != null && errorsWritten < s.errors().size()) {
                out.append(line("ERROR", s.errors().get(errorsWritten++).toString()));
            }
            while (warningsWritten < s.warnings().size()) {
                out.append(line("WARN", s.warnings().get(warningsWritten++)));
            }
            if (s.status() != lastState) {
                if (s.status() == RunStatus.State.PUBLISHED) {
                    out.append(line("INFO", "EXTRACTED every row published: " + s.counts().published()));
                }
                lastState = s.status();
            }
            if (s.status().terminal()) {
                out.append(summary(s, null));
                finish();
            }
            if (!out.isEmpty()) {
                append(file, out.toString());
            }
        }

        synchronized void giveUp() {
            if (closed) {
                return;
            }
            RunStatus s = tracker.find(runId).orElse(null);
            append(file, s == null
                    ? line("WARN", "RESULT run " + runId + " unknown after " + followFor + ": no event arrived")
                    : summary(s, "stopped following after " + followFor));
            finish();
        }

        private String summary(RunStatus s, String note) {
            Duration took = s.startedAt() == null ? null
                    : Duration.between(s.startedAt(), s.endedAt() != null ? s.endedAt() : clock.instant());
            return line(s.status() == RunStatus.State.FAILED ? "ERROR" : "INFO", "RESULT run " + runId + " status=" + s.status()
                    + " " + counts(s) + (took == null ? "" : " duration=" + took) + (note == null ? "" : " (" + note + ")"));
        }

        private void finish() {
            closed = true;
            if (timeout != null) {
                timeout.cancel(false);
            }
            if (handle != null) {
                try {
                    handle.close();
                } catch (Exception e) {
                    log.debug("Closing the follower of {} failed", runId, e);
                }
            }
        }
    }
}
