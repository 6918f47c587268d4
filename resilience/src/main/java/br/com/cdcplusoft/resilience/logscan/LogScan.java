package br.com.cdcplusoft.resilience.logscan;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Scans every log the services wrote for personal data and secrets in clear (LGPD; issue 8, item 5):
 * <ul>
 *   <li>CPFs the suite created, as 11 digits or formatted ({@code 123.456.789-09});</li>
 *   <li>e-mail addresses whose user part is not masked ({@code m***@...} is fine);</li>
 *   <li>phone numbers: E.164 {@code +55...} not masked, and the suite's own numbers as digits;</li>
 *   <li>secrets: the Plusoft token, the gateway's API key, and any {@code Bearer <token>}.</li>
 * </ul>
 * Known values are matched exactly, whole tokens only (no false alarm on a longer number that
 * contains one); the generic patterns catch what the suite did not create.
 */
public final class LogScan {

    private static final Pattern ELEVEN = Pattern.compile("(?<![\\d.])\\d{11}(?![\\d.])");
    private static final Pattern FORMATTED_CPF = Pattern.compile("(?<!\\d)(\\d{3})\\.(\\d{3})\\.(\\d{3})-(\\d{2})(?!\\d)");
    private static final Pattern EMAIL = Pattern.compile("(?<![\\w.*+-])([\\w.+-]+)@([\\w-]+\\.)+[A-Za-z]{2,}");
    private static final Pattern E164 = Pattern.compile("\\+55\\d{10,11}(?!\\d)");
    private static final Pattern DIGITS = Pattern.compile("(?<![\\d.])\\d{8,11}(?![\\d.])");
    private static final Pattern BEARER = Pattern.compile("Bearer\\s+(?!\\*)[A-Za-z0-9._~+/=-]{8,}");

    /** One finding: what kind, where, and the line with the value itself replaced. */
    public record Finding(String kind, Path file, int line, String excerpt) {
        @Override
        public String toString() {
            return kind + " at " + file.getFileName() + ":" + line + ": " + excerpt;
        }
    }

    /**
     * @param files    files scanned
     * @param lines    lines scanned
     * @param findings everything found (empty is the goal)
     */
    public record Result(int files, long lines, List<Finding> findings) {
        public long count(String kind) {
            return findings.stream().filter(f -> f.kind().equals(kind)).count();
        }
    }

    private final Set<String> cpfs;
    private final Set<String> phoneDigits;
    private final List<String> secrets;

    /**
     * @param cpfs        the CPFs the suite wrote (11 digits)
     * @param phoneDigits the suite's phone numbers as digits, with and without the DDD
     * @param secrets     the token and keys that must never appear
     */
    public LogScan(Collection<String> cpfs, Collection<String> phoneDigits, Collection<String> secrets) {
        this.cpfs = new HashSet<>(cpfs);
        this.phoneDigits = new HashSet<>(phoneDigits);
        this.secrets = List.copyOf(secrets);
    }

    public Result scan(Path dir) {
        List<Path> files;
        try (Stream<Path> all = Files.walk(dir)) {
            files = all.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        List<Finding> findings = new ArrayList<>();
        long lines = 0;
        for (Path file : files) {
            lines += scan(file, findings);
        }
        return new Result(files.size(), lines, List.copyOf(findings));
    }

    private long scan(Path file, List<Finding> findings) {
        long n = 0;
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try (BufferedReader reader = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file), decoder))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                n++;
                check(file, (int) n, line, findings);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return n;
    }

    void check(Path file, int n, String line, List<Finding> findings) {
        for (String secret : secrets) {
            if (line.contains(secret)) {
                findings.add(new Finding("secret", file, n, excerpt(line.replace(secret, "<SECRET>"))));
            }
        }
        if (BEARER.matcher(line).find()) {
            findings.add(new Finding("bearer-token", file, n, excerpt(BEARER.matcher(line).replaceAll("Bearer <TOKEN>"))));
        }
        Matcher m = ELEVEN.matcher(line);
        while (m.find()) {
            if (cpfs.contains(m.group())) {
                findings.add(new Finding("cpf", file, n, excerpt(line.replace(m.group(), "<CPF>"))));
            }
        }
        m = FORMATTED_CPF.matcher(line);
        while (m.find()) {
            findings.add(new Finding("cpf", file, n, excerpt(line.replace(m.group(), "<CPF>"))));
        }
        m = EMAIL.matcher(line);
        while (m.find()) {
            findings.add(new Finding("email", file, n, excerpt(line.replace(m.group(), "<EMAIL>"))));
        }
        m = E164.matcher(line);
        while (m.find()) {
            findings.add(new Finding("phone", file, n, excerpt(line.replace(m.group(), "<PHONE>"))));
        }
        m = DIGITS.matcher(line);
        while (m.find()) {
            if (phoneDigits.contains(m.group())) {
                findings.add(new Finding("phone", file, n, excerpt(line.replace(m.group(), "<PHONE>"))));
            }
        }
    }

    private static String excerpt(String line) {
        return line.length() <= 300 ? line : line.substring(0, 300) + "...";
    }
}
