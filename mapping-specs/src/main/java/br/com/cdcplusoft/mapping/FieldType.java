package br.com.cdcplusoft.mapping;

import br.com.cdcplusoft.mapping.Normalizers.DocumentKind;
import br.com.cdcplusoft.mapping.Normalizers.PhoneKind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.BigIntegerNode;
import tools.jackson.databind.node.DecimalNode;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.LongNode;
import tools.jackson.databind.node.StringNode;

/**
 * The Plusoft field types a spec may name, and the JSON each one emits. Composite types read
 * several source columns at once (a CPF/CNPJ from person type + number + check digits, a phone
 * from DDD + number); the others read one value, after transforms.
 */
enum FieldType {
    TEXT("text"),
    INTEGER("integer"),
    DECIMAL("decimal"),
    DATE("date"),
    DATETIME("datetime"),
    FLAG("flag"),
    CPF_CNPJ("cpf-cnpj", 1, 3),
    CPF("cpf", 1, 2),
    CNPJ("cnpj", 1, 2),
    PHONE("phone", 1, 2),
    CEP("cep");

    /** Oracle NUMBER has at most 38 digits; a scale beyond 18 is a typo, not a need. */
    static final int MAX_SCALE = 18;

    private final String specName;
    private final int[] columnCounts;

    FieldType(String specName, int... columnCounts) {
        this.specName = specName;
        this.columnCounts = columnCounts.length == 0 ? new int[] {1} : columnCounts;
    }

    String specName() {
        return specName;
    }

    static Optional<FieldType> bySpecName(String name) {
        return Arrays.stream(values()).filter(t -> t.specName.equals(name)).findFirst();
    }

    static String specNames() {
        return Arrays.stream(values()).map(FieldType::specName).collect(Collectors.joining(", "));
    }

    /** Whether this type itself combines {@code columns} source columns (beyond a single one). */
    boolean combines(int columns) {
        return columns > 1 && Arrays.stream(columnCounts).anyMatch(c -> c == columns);
    }

    String columnCountsText() {
        return switch (this) {
            case CPF_CNPJ -> "1 (the digits) or 3 (person type F/J, number, check digits)";
            case CPF, CNPJ -> "1 (the digits) or 2 (number, check digits)";
            case PHONE -> "1 (the whole number) or 2 (DDD, number)";
            default -> "1";
        };
    }

    /** Options a field gives its type. */
    record Options(Integer scale, PhoneKind phoneKind) {
    }

    /** One value, after transforms, to the emitted JSON; null for an empty value. */
    JsonNode convert(JsonNode value, Options options) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        return switch (this) {
            case TEXT -> string(Normalizers.text(value));
            case INTEGER -> integer(Normalizers.integer(value));
            case DECIMAL -> decimal(Normalizers.decimal(value, options.scale()));
            case DATE -> string(Normalizers.date(value));
            case DATETIME -> string(Normalizers.dateTime(value));
            case FLAG -> {
                Integer flag = Normalizers.flag(value);
                yield flag == null ? null : IntNode.valueOf(flag);
            }
            case CPF_CNPJ -> string(Normalizers.document(DocumentKind.EITHER, value));
            case CPF -> string(Normalizers.document(DocumentKind.CPF, value));
            case CNPJ -> string(Normalizers.document(DocumentKind.CNPJ, value));
            case PHONE -> string(Normalizers.phone(value, options.phoneKind()));
            case CEP -> string(Normalizers.cep(value));
        };
    }

    /** Several source columns at once, for the composite types ({@link #combines(int)}). */
    JsonNode convertColumns(List<JsonNode> parts, Options options) {
        return switch (this) {
            case CPF_CNPJ -> string(Normalizers.document(DocumentKind.EITHER, parts.get(0), parts.get(1), parts.get(2)));
            case CPF -> string(Normalizers.document(DocumentKind.CPF, null, parts.get(0), parts.get(1)));
            case CNPJ -> string(Normalizers.document(DocumentKind.CNPJ, null, parts.get(0), parts.get(1)));
            case PHONE -> string(Normalizers.phone(parts.get(0), parts.get(1), options.phoneKind()));
            default -> throw new IllegalStateException(specName + " does not combine columns");
        };
    }

    private static JsonNode string(String s) {
        return s == null ? null : StringNode.valueOf(s);
    }

    private static JsonNode integer(BigInteger n) {
        if (n == null) {
            return null;
        }
        if (n.bitLength() < 32) {
            return IntNode.valueOf(n.intValue());
        }
        return n.bitLength() < 64 ? LongNode.valueOf(n.longValue()) : BigIntegerNode.valueOf(n);
    }

    private static JsonNode decimal(BigDecimal d) {
        // DecimalNode directly: a node factory may strip trailing zeros, and 10.50 must stay 10.50
        return d == null ? null : DecimalNode.valueOf(d);
    }

    @Override
    public String toString() {
        return specName.toLowerCase(Locale.ROOT);
    }
}
