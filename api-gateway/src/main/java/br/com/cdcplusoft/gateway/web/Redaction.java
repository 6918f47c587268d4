package br.com.cdcplusoft.gateway.web;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What an error may show of itself: a classification (a fixed code an operator can act on) and a
 * masked excerpt of its text. Exception messages and upstream answers quote values (a name in a
 * conversion error, a CPF in Plusoft's refusal); the excerpt keeps their shape and drops every
 * value: quoted text (JSON member names stay), e-mail addresses, numbers of two or more digits
 * (codes such as {@code ORA-01013} or {@code ISO-8601} stay), and it is cut to {@value #EXCERPT_LIMIT}
 * characters. Text that names a person without quoting the name cannot be told from prose, hence
 * the classification first and the excerpt as a hint only.
 */
public final class Redaction {

    /** The longest excerpt. */
    public static final int EXCERPT_LIMIT = 160;

    /** A JSON member name (kept: it names a field, not a value), or any other quoted text (masked). */
    private static final Pattern QUOTED = Pattern.compile("(\"[A-Za-z_][A-Za-z0-9_]{0,40}\"(?=\\s*:))|\"[^\"]*\"?|'[^']*'?|`[^`]*`?|«[^»]*»?");
    private static final Pattern EMAIL = Pattern.compile("[\\p{L}\\p{N}._%+-]*@[\\p{L}\\p{N}.-]+");
    /** Codes such as ORA-01013, ISO-8601, E.164 are kept; any other run of digits is a value. */
    private static final Pattern CODE = Pattern.compile("\\b[A-Z]{1,6}[-.]\\d{1,5}\\b");
    private static final Pattern DIGITS = Pattern.compile("\\d[\\d.,/:-]*\\d");

    private Redaction() {
    }

    /** The text with every value masked, no control characters, at most {@value #EXCERPT_LIMIT} characters; null stays null. */
    public static String excerpt(String text) {
        if (text == null) {
            return null;
        }
        String s = text.replaceAll("\\p{Cntrl}", " ");
        s = QUOTED.matcher(s).replaceAll(m -> m.group(1) != null ? java.util.regex.Matcher.quoteReplacement(m.group(1)) : "'***'");
        s = EMAIL.matcher(s).replaceAll("***@***");
        StringBuilder out = new StringBuilder();
        var codes = CODE.matcher(s);
        int at = 0;
        while (codes.find()) {
            out.append(DIGITS.matcher(s.substring(at, codes.start())).replaceAll("***"));
            out.append(codes.group());
            at = codes.end();
        }
        out.append(DIGITS.matcher(s.substring(at)).replaceAll("***"));
        String masked = out.toString().replaceAll("\\s+", " ").strip();
        return masked.length() <= EXCERPT_LIMIT ? masked : masked.substring(0, EXCERPT_LIMIT) + "...";
    }

    /** A fixed code for an exception: what failed, never its message. */
    public static String classify(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String name = t.getClass().getName();
            if (name.contains("Timeout") || t instanceof java.sql.SQLTimeoutException) {
                return name.contains("sql") || name.contains("dao") || name.contains("jdbc") ? "DATABASE_TIMEOUT" : "TIMEOUT";
            }
            if (t instanceof java.sql.SQLException || name.startsWith("org.springframework.dao") || name.startsWith("org.springframework.jdbc")) {
                return "DATABASE";
            }
            if (name.startsWith("org.apache.kafka")) {
                return "BROKER";
            }
            if (t instanceof InterruptedException) {
                return "INTERRUPTED";
            }
        }
        return "INTERNAL";
    }

    /** A fixed code for an error known only by its text (a run's failure reported by another process). */
    public static String classify(String text) {
        if (text == null || text.isBlank()) {
            return "UNKNOWN";
        }
        String t = text.toLowerCase(Locale.ROOT);
        if (t.contains("timeout") || t.contains("timed out") || t.contains("ora-01013")) {
            return t.contains("sql") || t.contains("ora-") || t.contains("jdbc") || t.contains("statement") ? "DATABASE_TIMEOUT" : "TIMEOUT";
        }
        if (t.contains("ora-") || t.contains("sql") || t.contains("jdbc") || t.contains("database") || t.contains("column")
                || t.contains("data conversion") || t.contains("connection")) {
            return "DATABASE";
        }
        if (t.contains("kafka") || t.contains("broker") || t.contains("topic") || t.contains("producer")) {
            return "BROKER";
        }
        if (t.contains("interrupt")) {
            return "INTERRUPTED";
        }
        return "OTHER";
    }
}
