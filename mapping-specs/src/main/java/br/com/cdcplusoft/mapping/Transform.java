package br.com.cdcplusoft.mapping;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.DecimalNode;
import tools.jackson.databind.node.StringNode;

/**
 * One step a field's value goes through between the source columns and its type. Values are JSON
 * scalars; Java null is an empty value (SQL NULL). Combiners ({@link Concat}, {@link Divide}) turn
 * several source columns into one value and so can only come first.
 */
sealed interface Transform {

    String specName();

    /** A transform of one value; combiners are applied through {@link Combiner#combine(List)} instead. */
    JsonNode apply(JsonNode value);

    /** Transforms that merge several source columns into one value. */
    sealed interface Combiner extends Transform permits Concat, Divide {
        JsonNode combine(List<JsonNode> parts);

        @Override
        default JsonNode apply(JsonNode value) {
            return combine(List.of(value == null ? tools.jackson.databind.node.NullNode.getInstance() : value));
        }
    }

    List<String> NAMES = List.of("trim", "upper", "lower", "pad", "constant", "default", "lookup", "concat", "divide");

    static boolean isEmpty(JsonNode value) {
        return value == null || value.isNull() || value.isMissingNode() || value.isString() && value.stringValue().isBlank();
    }

    /** Trim, upper and lower case: on text only; numbers pass unchanged. */
    enum Case implements Transform {
        TRIM, UPPER, LOWER;

        @Override
        public String specName() {
            return name().toLowerCase(Locale.ROOT);
        }

        @Override
        public JsonNode apply(JsonNode value) {
            if (value == null || !value.isString()) {
                return value;
            }
            String s = value.stringValue();
            return StringNode.valueOf(switch (this) {
                case TRIM -> s.strip();
                case UPPER -> s.toUpperCase(Locale.ROOT);
                case LOWER -> s.toLowerCase(Locale.ROOT);
            });
        }
    }

    /** Pads text (or a number's digits) to a length; longer values pass unchanged. */
    record Pad(int length, char with, boolean left) implements Transform {
        @Override
        public String specName() {
            return "pad";
        }

        @Override
        public JsonNode apply(JsonNode value) {
            if (isEmpty(value)) {
                return value;
            }
            String s = Normalizers.raw(value);
            if (s.length() >= length) {
                return StringNode.valueOf(s);
            }
            String padding = String.valueOf(with).repeat(length - s.length());
            return StringNode.valueOf(left ? padding + s : s + padding);
        }
    }

    /** A fixed value, whatever the row holds (the field has no source column). */
    record Constant(JsonNode value) implements Transform {
        @Override
        public String specName() {
            return "constant";
        }

        @Override
        public JsonNode apply(JsonNode ignored) {
            return value;
        }
    }

    /** Replaces an empty value (null or blank text). */
    record Default(JsonNode value) implements Transform {
        @Override
        public String specName() {
            return "default";
        }

        @Override
        public JsonNode apply(JsonNode current) {
            return isEmpty(current) ? value : current;
        }
    }

    /**
     * Maps codes through a table (keys compared as trimmed text). An unknown code is a problem
     * unless the spec gives {@code otherwise} (which may be null); an empty value stays empty.
     */
    record Lookup(String tableName, Map<String, JsonNode> table, boolean hasOtherwise, JsonNode otherwise) implements Transform {
        @Override
        public String specName() {
            return "lookup";
        }

        @Override
        public JsonNode apply(JsonNode value) {
            String code = Normalizers.text(value);
            if (code == null) {
                return null;
            }
            JsonNode mapped = table.get(code);
            if (mapped != null) {
                return mapped.isNull() ? null : mapped;
            }
            if (hasOtherwise) {
                return otherwise == null || otherwise.isNull() ? null : otherwise;
            }
            throw new FieldProblem("has a code that lookup table " + tableName + " does not list, and no 'otherwise' is set");
        }
    }

    /** Joins the non-empty source columns as text. */
    record Concat(String separator) implements Combiner {
        @Override
        public String specName() {
            return "concat";
        }

        @Override
        public JsonNode combine(List<JsonNode> parts) {
            List<String> texts = new ArrayList<>();
            for (JsonNode part : parts) {
                String s = Normalizers.text(part);
                if (s != null) {
                    texts.add(s);
                }
            }
            return texts.isEmpty() ? null : StringNode.valueOf(String.join(separator, texts));
        }
    }

    /**
     * First column divided by the second (e.g. a line total by its quantity), rounded once
     * half-even to the field's scale when it has one. Empty when either column is.
     */
    record Divide(Integer scale) implements Combiner {
        @Override
        public String specName() {
            return "divide";
        }

        @Override
        public JsonNode combine(List<JsonNode> parts) {
            BigDecimal dividend = Normalizers.number(parts.get(0));
            BigDecimal divisor = Normalizers.number(parts.get(1));
            if (dividend == null || divisor == null) {
                return null;
            }
            if (divisor.signum() == 0) {
                throw new FieldProblem("divides by zero (its second column is 0)");
            }
            return DecimalNode.valueOf(scale == null ? dividend.divide(divisor, MathContext.DECIMAL128)
                    : dividend.divide(divisor, scale, RoundingMode.HALF_EVEN));
        }
    }
}
