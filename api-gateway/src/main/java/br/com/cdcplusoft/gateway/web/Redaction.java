package br.com.cdcplusoft.gateway.web;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an error may show of itself: a classification (a fixed code an operator can act on) and a
 * masked excerpt of its text. Exception messages and upstream answers quote values (a name in a
 * conversion error, a CPF in Plusoft's refusal); the excerpt keeps their shape and drops every
 * value: quoted text (JSON member names stay), e-mail addresses, numbers of two or more digits
 * (codes such as {@code ORA-01013} or {@code ISO-8601} stay), and it is cut to {@value #EXCERPT_LIMIT}
 * characters. Names are not always quoted ({@code ... Travessa Quixabeira 12, Quixeramobim}):
 * capitalised and upper-case words are masked too, except the first word, a vocabulary of error
 * messages and SQL, class names and identifiers ({@code VW_PLUSOFT_CLIENTE}). An excerpt is a
 * hint; the classification is what to act on.
 */
public final class Redaction {

    /** The longest excerpt. */
    public static final int EXCERPT_LIMIT = 160;

    /** A JSON member name (after { or a comma, before a colon: kept, it names a field), or any other quoted text (masked). */
    private static final Pattern QUOTED = Pattern.compile("((?<=[{,]\\s{0,3})\"[A-Za-z_][A-Za-z0-9_]{0,40}\"(?=\\s*:))|\"[^\"]*\"?|'[^']*'?|`[^`]*`?|«[^»]*»?");
    private static final Pattern EMAIL = Pattern.compile("[\\p{L}\\p{N}._%+-]*@[\\p{L}\\p{N}.-]+");
    /** Codes such as ORA-01013, ISO-8601, E.164 are kept; any other run of digits is a value. */
    private static final Pattern CODE = Pattern.compile("\\b[A-Z]{1,6}[-.]\\d{1,5}\\b");
    private static final Pattern DIGITS = Pattern.compile("\\d[\\d.,/:-]*\\d");
    /** A word that starts with a capital, made of letters only (identifiers with _ or digits are not words here). */
    private static final Pattern WORD = Pattern.compile("(?<![\\w.$])\\p{Lu}\\p{L}*(?![\\w$])");
    /** Class names such as SQLException or NoSuchMethodError: two capitals or more, and lower-case letters. */
    private static final Pattern CAMEL_CASE = Pattern.compile("(?=\\p{L}*\\p{Ll})\\p{Lu}\\p{L}*\\p{Lu}\\p{L}*");
    /** First of the private-use characters that stand for JSON member names while the rest is masked. */
    private static final char MEMBER = '\uE000';
    /** Capitalised words of error messages and SQL, kept; any other capitalised word may be a name. */
    private static final Set<String> VOCABULARY = Set.of("SQL", "SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "NULL", "IN", "IS",
            "AS", "ON", "JOIN", "ORDER", "BY", "FETCH", "NEXT", "FIRST", "ROWS", "ROW", "ONLY", "OFFSET", "INSERT", "INTO", "UPDATE",
            "DELETE", "VALUES", "SET", "CAST", "CHAR", "VARCHAR", "NUMBER", "DATE", "TIMESTAMP", "ORA", "JDBC", "HTTP", "JSON", "UTF",
            "ID", "CPF", "CNPJ", "CEP", "ISO", "URL", "URI", "API", "TCP", "SSL", "TLS", "DNS", "IO", "EOF",
            "DATA", "VALUE", "ERROR", "EXCEPTION", "CANNOT", "CONNECTION", "TIMEOUT", "TIMED", "COLUMN", "TABLE", "VIEW", "STATEMENT",
            "QUERY", "DATABASE", "BROKER", "TOPIC", "PARTITION", "NETWORK", "READ", "WRITE", "FAILED", "INVALID", "UNKNOWN", "MISSING",
            "THE", "A", "AN", "NO", "FOR", "OF", "TO", "AT", "WITH", "WAS", "IT", "THIS", "UNABLE", "COULD", "LOCK", "DEADLOCK",
            "INTERRUPTED", "CLOSED", "REFUSED", "RESET", "REJECTED", "TOO", "LARGE", "LONG", "MANY", "REQUESTS", "UNAVAILABLE",
            "SERVICE", "INTERNAL", "SERVER", "BAD", "REQUEST", "FORBIDDEN", "UNAUTHORIZED", "CONFLICT", "GATEWAY", "PLUSOFT",
            "CONSINCO", "KAFKA", "RECORD", "BATCH", "FIELD", "PAYLOAD", "KEY", "SCHEMA", "TYPE", "NUMERIC", "OVERFLOW", "CONSTRAINT",
            "VIOLATION", "UNIQUE", "PRIMARY", "FOREIGN", "CHECK", "ORACLE", "HANDLER", "DISPATCH");

    private Redaction() {
    }

    /** The text with every value masked, no control characters, at most {@value #EXCERPT_LIMIT} characters; null stays null. */
    public static String excerpt(String text) {
        if (text == null) {
            return null;
        }
        String s = text.replaceAll("\\p{Cntrl}", " ");
        // JSON member names name fields, not values: set aside (as private-use characters) until the end
        java.util.List<String> members = new java.util.ArrayList<>();
        s = QUOTED.matcher(s).replaceAll(m -> {
            if (m.group(1) == null || members.size() >= 0x1000) {
                return "'***'";
            }
            members.add(m.group(1));
            return String.valueOf((char) (MEMBER + members.size() - 1));
        });
        s = EMAIL.matcher(s).replaceAll("***@***");
        StringBuilder out = new StringBuilder();
        var codes = CODE.matcher(s);
        int at = 0;
        while (codes.find()) {
            out.append(values(s.substring(at, codes.start()), at == 0));
            out.append(codes.group());
            at = codes.end();
        }
        out.append(values(s.substring(at), at == 0));
        StringBuilder restored = new StringBuilder();
        out.chars().forEach(c -> {
            if (c >= MEMBER && c < MEMBER + members.size()) {
                restored.append(members.get(c - MEMBER));
            } else {
                restored.append((char) c);
            }
        });
        String masked = restored.toString().replaceAll("\\s+", " ").strip();
        return masked.length() <= EXCERPT_LIMIT ? masked : masked.substring(0, EXCERPT_LIMIT) + "...";
    }

    /**
     * Numbers, and words that may be names: capitalised or upper-case words (people, streets, cities
     * are written so, Consinco often all in capitals), except the text's first word, words of the
     * vocabulary of error messages and SQL, CamelCase class names and identifiers with underscores.
     */
    private static String values(String segment, boolean startsText) {
        String s = DIGITS.matcher(segment).replaceAll("***");
        var words = WORD.matcher(s);
        StringBuilder out = new StringBuilder();
        boolean first = startsText;
        int at = 0;
        while (words.find()) {
            String word = words.group();
            boolean keep = (first && words.start() == s.length() - s.stripLeading().length()) || word.length() == 1
                    || VOCABULARY.contains(word.toUpperCase(Locale.ROOT)) || CAMEL_CASE.matcher(word).matches();
            out.append(s, at, words.start()).append(keep ? word : "***");
            at = words.end();
            first = false;
        }
        return out.append(s.substring(at)).toString();
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
