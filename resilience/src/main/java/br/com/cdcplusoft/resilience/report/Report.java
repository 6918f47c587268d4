package br.com.cdcplusoft.resilience.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The suite's counts as a Markdown report: one table per scenario, each line a measure, its value
 * and what the issue requires of it (blank when it is informative only).
 */
public final class Report {

    private record Line(String measure, String value, String required, Boolean ok) {
    }

    private record Section(String title, List<Line> lines, List<String> notes) {
    }

    private final String title;
    private final List<Section> sections = new ArrayList<>();

    public Report(String title) {
        this.title = title;
    }

    public Report section(String title) {
        sections.add(new Section(title, new ArrayList<>(), new ArrayList<>()));
        return this;
    }

    /** An informative count. */
    public Report count(String measure, Object value) {
        current().lines().add(new Line(measure, String.valueOf(value), "", null));
        return this;
    }

    /** A count the issue puts a requirement on. */
    public Report check(String measure, Object value, String required, boolean ok) {
        current().lines().add(new Line(measure, String.valueOf(value), required, ok));
        return this;
    }

    public Report note(String text) {
        current().notes().add(text);
        return this;
    }

    private Section current() {
        if (sections.isEmpty()) {
            section("Counts");
        }
        return sections.get(sections.size() - 1);
    }

    /** Measures whose requirement is not met. */
    public List<String> failures() {
        List<String> failed = new ArrayList<>();
        for (Section s : sections) {
            for (Line l : s.lines()) {
                if (Boolean.FALSE.equals(l.ok())) {
                    failed.add(s.title() + ": " + l.measure() + " = " + l.value() + " (required " + l.required() + ")");
                }
            }
        }
        return failed;
    }

    public String markdown() {
        StringBuilder md = new StringBuilder("# ").append(title).append("\n");
        for (Section s : sections) {
            md.append("\n## ").append(s.title()).append("\n\n| measure | value | required | |\n|---|---:|---|---|\n");
            for (Line l : s.lines()) {
                md.append("| ").append(l.measure()).append(" | ").append(l.value()).append(" | ").append(l.required()).append(" | ")
                        .append(l.ok() == null ? "" : l.ok() ? "ok" : "**FAILED**").append(" |\n");
            }
            for (String note : s.notes()) {
                md.append("\n").append(note).append("\n");
            }
        }
        return md.toString();
    }

    public void write(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, markdown(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report " + file, e);
        }
    }
}
