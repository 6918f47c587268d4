package br.com.cdcplusoft.mapping;

import br.com.cdcplusoft.core.document.BrazilianDocuments;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The Brazilian conversion rules of domain.md, one static function per Plusoft type. Each takes a
 * source value (a JSON scalar as the extractor or Debezium wrote it, never null) and returns the
 * normalised Java value, or null when the value is empty; it throws {@link FieldProblem} when the
 * value is present but wrong.
 */
final class Normalizers {

    /** Oracle DATE carries no zone: Consinco writes local time in São Paulo. */
    static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");

    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}+");
    private static final Pattern NON_DIGITS = Pattern.compile("\\D");
    private static final DateTimeFormatter OFFSET_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx", Locale.ROOT);

    private Normalizers() {
    }

    /** Scalars as text: numbers in plain notation, never exponent form. */
    static String raw(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isNumber()) {
            return value.isIntegralNumber() ? value.bigIntegerValue().toString() : value.decimalValue().toPlainString();
        }
        if (value.isString() || value.isBoolean()) {
            return value.asString();
        }
        throw new FieldProblem("is a JSON " + value.getNodeType().name().toLowerCase(Locale.ROOT) + ", not a column value");
    }

    /** Control characters (TAB, CR, LF, ...) become one space, then trim; accents stay; empty is null. */
    static String text(JsonNode value) {
        String s = raw(value);
        if (s == null) {
            return null;
        }
        if (hasControl(s)) {
            s = CONTROL.matcher(s).replaceAll(" ");
        }
        s = s.strip();
        return s.isEmpty() ? null : s;
    }

    /** Whether the text holds a character of {@code \p{Cntrl}} (U+0000-U+001F, U+007F): most texts do not, and need no regex. */
    private static boolean hasControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                return true;
            }
        }
        return false;
    }

    static BigInteger integer(JsonNode value) {
        BigDecimal d = number(value);
        if (d == null) {
            return null;
        }
        try {
            return d.toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw new FieldProblem("is not a whole number");
        }
    }

    /** Exact decimal at a fixed scale; extra places are rounded half-even (banker's rounding). */
    static BigDecimal decimal(JsonNode value, int scale) {
        BigDecimal d = number(value);
        return d == null ? null : d.setScale(scale, RoundingMode.HALF_EVEN);
    }

    static BigDecimal number(JsonNode value) {
        if (value != null && value.isNumber()) {
            return value.decimalValue();
        }
        String s = text(value);
        if (s == null) {
            return null;
        }
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            throw new FieldProblem("is not a number");
        }
    }

    /**
     * An Oracle DATE as the wall-clock time it stores. Accepted: local ISO strings
     * ({@code 2025-03-01T14:32:00}, also with a space or date only) from the JDBC extractor; epoch
     * milliseconds that encode the wall clock as if it were UTC, as Debezium writes DATE; ISO strings
     * with an explicit offset, taken as a real instant and moved to São Paulo time.
     */
    static LocalDateTime localDateTime(JsonNode value) {
        if (value != null && value.isNumber()) {
            if (!value.isIntegralNumber()) {
                throw new FieldProblem("is a fractional number, not epoch milliseconds");
            }
            return LocalDateTime.ofInstant(Instant.ofEpochMilli(value.longValue()), ZoneOffset.UTC);
        }
        String s = text(value);
        if (s == null) {
            return null;
        }
        try {
            if (isPlainDateTime(s)) {
                // the extractor's form: read without a DateTimeFormatter (a sixth of a row's mapping)
                return LocalDateTime.of(digits(s, 0, 4), digits(s, 5, 7), digits(s, 8, 10), digits(s, 11, 13),
                        digits(s, 14, 16), digits(s, 17, 19));
            }
            if (s.length() == 10) {
                return LocalDate.parse(s).atStartOfDay();
            }
            String iso = s.replace(' ', 'T');
            if (hasOffset(iso)) {
                return OffsetDateTime.parse(iso).atZoneSameInstant(SAO_PAULO).toLocalDateTime();
            }
            return LocalDateTime.parse(iso);
        } catch (DateTimeException e) {
            throw new FieldProblem("is not an ISO-8601 date or date-time");
        }
    }

    /** {@code yyyy-MM-ddTHH:mm:ss} (or with a space for the T): digits where digits go, nothing more. */
    private static boolean isPlainDateTime(String s) {
        if (s.length() != 19 || s.charAt(4) != '-' || s.charAt(7) != '-' || (s.charAt(10) != 'T' && s.charAt(10) != ' ')
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return false;
        }
        for (int i = 0; i < 19; i++) {
            if (i != 4 && i != 7 && i != 10 && i != 13 && i != 16 && (s.charAt(i) < '0' || s.charAt(i) > '9')) {
                return false;
            }
        }
        return true;
    }

    private static int digits(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            n = n * 10 + (s.charAt(i) - '0');
        }
        return n;
    }

    private static boolean hasOffset(String iso) {
        int t = iso.indexOf('T');
        if (t < 0) {
            return false;
        }
        String time = iso.substring(t);
        return time.endsWith("Z") || time.indexOf('+') > 0 || time.indexOf('-') > 0;
    }

    /** {@code YYYY-MM-DD}: the local date, no zone arithmetic. */
    static String date(JsonNode value) {
        LocalDateTime t = localDateTime(value);
        return t == null ? null : t.toLocalDate().toString();
    }

    /**
     * The wall-clock time in São Paulo with the offset in force then ({@code -03:00}, {@code -02:00}
     * in the old daylight-saving summers). A time that fell in a spring-forward gap is moved forward
     * by the gap; an ambiguous one at the end of summer takes the earlier (summer) offset.
     */
    static String dateTime(JsonNode value) {
        LocalDateTime t = localDateTime(value);
        return t == null ? null : offsetDateTime(ZonedDateTime.ofLocal(t.withNano(0), SAO_PAULO, null));
    }

    /** {@code yyyy-MM-dd'T'HH:mm:ssxxx}, written by hand for years 0001-9999 (the formatter costs more than the rest of a field). */
    static String offsetDateTime(ZonedDateTime t) {
        if (t.getYear() < 1 || t.getYear() > 9999) {
            return t.format(OFFSET_DATE_TIME);
        }
        int offset = t.getOffset().getTotalSeconds();
        int minutes = Math.abs(offset) / 60;
        StringBuilder b = new StringBuilder(25);
        pad(b, t.getYear(), 4).append('-');
        pad(b, t.getMonthValue(), 2).append('-');
        pad(b, t.getDayOfMonth(), 2).append('T');
        pad(b, t.getHour(), 2).append(':');
        pad(b, t.getMinute(), 2).append(':');
        pad(b, t.getSecond(), 2).append(offset < 0 ? '-' : '+');
        pad(b, minutes / 60, 2).append(':');
        return pad(b, minutes % 60, 2).toString();
    }

    private static StringBuilder pad(StringBuilder b, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            b.append('0');
        }
        return b.append(digits);
    }

    /** 1 or 0 from booleans, 1/0, S/N (Consinco's sim/não), Y/N, T/F, true/false. */
    static Integer flag(JsonNode value) {
        if (value != null && value.isBoolean()) {
            return value.booleanValue() ? 1 : 0;
        }
        String s = text(value);
        if (s == null) {
            return null;
        }
        return switch (s.toUpperCase(Locale.ROOT)) {
            case "1", "S", "Y", "T", "TRUE", "SIM" -> 1;
            case "0", "N", "F", "FALSE", "NAO", "NÃO" -> 0;
            default -> throw new FieldProblem("is not a flag (expected 1/0, S/N or true/false)");
        };
    }

    enum DocumentKind { CPF, CNPJ, EITHER }

    /**
     * A CPF or CNPJ from Consinco's person type (F/J, may be null when the kind is fixed), number
     * and check-digit columns, check digits verified. Null when number and digits are both null.
     */
    static String document(DocumentKind kind, JsonNode personType, JsonNode number, JsonNode checkDigits) {
        BigInteger n = integer(number);
        BigInteger d = integer(checkDigits);
        if (n == null && d == null) {
            return null;
        }
        if (n == null || d == null) {
            throw new FieldProblem("has a document number without check digits, or check digits without a number");
        }
        DocumentKind actual = kind;
        if (kind == DocumentKind.EITHER) {
            String type = text(personType);
            if (type == null) {
                throw new FieldProblem("has no person type (F or J) to tell a CPF from a CNPJ");
            }
            actual = switch (type.toUpperCase(Locale.ROOT)) {
                case "F" -> DocumentKind.CPF;
                case "J" -> DocumentKind.CNPJ;
                default -> throw new FieldProblem("has person type neither F (CPF) nor J (CNPJ)");
            };
        }
        if (n.signum() < 0 || d.signum() < 0 || d.compareTo(BigInteger.valueOf(99)) > 0) {
            throw new FieldProblem("has a negative document number or check digits beyond 2 digits");
        }
        String digits;
        try {
            digits = actual == DocumentKind.CPF ? BrazilianDocuments.cpf(n.longValueExact(), d.intValue())
                    : BrazilianDocuments.cnpj(n.longValueExact(), d.intValue());
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new FieldProblem("has a " + actual + " number with too many digits");
        }
        return validated(actual, digits);
    }

    /** A CPF or CNPJ already assembled in one column, punctuation allowed. */
    static String document(DocumentKind kind, JsonNode value) {
        String s = text(value);
        if (s == null) {
            return null;
        }
        String digits = NON_DIGITS.matcher(s).replaceAll("");
        DocumentKind actual = kind;
        if (kind == DocumentKind.EITHER) {
            actual = switch (digits.length()) {
                case 11 -> DocumentKind.CPF;
                case 14 -> DocumentKind.CNPJ;
                default -> throw new FieldProblem("has " + digits.length() + " digits; a CPF has 11 and a CNPJ 14");
            };
        }
        return validated(actual, digits);
    }

    private static String validated(DocumentKind kind, String digits) {
        boolean valid = kind == DocumentKind.CPF ? BrazilianDocuments.isValidCpf(digits) : BrazilianDocuments.isValidCnpj(digits);
        if (!valid) {
            throw new FieldProblem("is not a valid " + kind + " (check digits do not match, or all digits are equal)");
        }
        return digits;
    }

    enum PhoneKind { ANY, MOBILE, LANDLINE }

    /**
     * {@code +55DDNNNNNNNN(N)}: a mobile has 9 digits starting with 9, a landline 8. Null when either
     * part is missing, or when the number is valid but not of the wanted kind (a landline is not a
     * mobile). A DDD or number of the wrong length is a problem.
     */
    static String phone(JsonNode ddd, JsonNode number, PhoneKind kind) {
        String area = digits(ddd);
        String local = digits(number);
        if (area == null || local == null) {
            return null;
        }
        area = stripLeadingZeros(area);
        return e164(area, local, kind);
    }

    /** A whole phone number in one column: {@code (11) 98765-4321}, {@code 011987654321}, {@code +5511...}. */
    static String phone(JsonNode value, PhoneKind kind) {
        String d = digits(value);
        if (d == null) {
            return null;
        }
        if (d.startsWith("55") && (d.length() == 12 || d.length() == 13)) {
            d = d.substring(2);
        }
        d = stripLeadingZeros(d);
        if (d.length() < 10) {
            throw new FieldProblem("has " + d.length() + " digits; a phone has a 2-digit DDD and 8 or 9 digits");
        }
        return e164(d.substring(0, 2), d.substring(2), kind);
    }

    private static String e164(String area, String local, PhoneKind kind) {
        if (area.length() != 2 || area.charAt(0) == '0') {
            throw new FieldProblem("has a DDD of " + area.length() + " digits; a DDD has 2 (11 to 99)");
        }
        boolean mobile;
        if (local.length() == 9 && local.charAt(0) == '9') {
            mobile = true;
        } else if (local.length() == 8 && local.charAt(0) != '0') {
            mobile = false;
        } else {
            throw new FieldProblem("has a number of " + local.length()
                    + " digits; a mobile has 9 starting with 9 and a landline 8");
        }
        if (kind == PhoneKind.MOBILE && !mobile || kind == PhoneKind.LANDLINE && mobile) {
            return null;
        }
        return "+55" + area + local;
    }

    /** Eight digits, left-padded with zeros (numeric columns drop them), no hyphen. */
    static String cep(JsonNode value) {
        String d = digits(value);
        if (d == null) {
            return null;
        }
        if (d.length() > 8) {
            throw new FieldProblem("has " + d.length() + " digits; a CEP has 8");
        }
        if (d.chars().allMatch(c -> c == '0')) {
            return null;
        }
        return "0".repeat(8 - d.length()) + d;
    }

    /** The digits of a value, null when it has none. Numbers must be whole. */
    private static String digits(JsonNode value) {
        if (value != null && value.isNumber()) {
            BigInteger n = integer(value);
            if (n.signum() < 0) {
                throw new FieldProblem("is negative");
            }
            return n.toString();
        }
        String s = text(value);
        if (s == null) {
            return null;
        }
        String d = NON_DIGITS.matcher(s).replaceAll("");
        return d.isEmpty() ? null : d;
    }

    private static String stripLeadingZeros(String digits) {
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') {
            i++;
        }
        return digits.substring(i);
    }
}
