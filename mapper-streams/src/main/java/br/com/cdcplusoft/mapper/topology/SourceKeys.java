package br.com.cdcplusoft.mapper.topology;

import java.math.BigDecimal;
import java.util.List;
import java.util.StringJoiner;
import tools.jackson.databind.JsonNode;

/**
 * The canonical text of a source primary key, used to key the mapper's state. The JDBC extractor
 * writes {@code {"SEQPRODUTO":10}}, Debezium may write {@code {"SEQPRODUTO":"10"}} (decimals as
 * strings) or {@code 10.0}: all read {@code 10}. Composite keys join with {@code |} in key order.
 */
final class SourceKeys {

    private SourceKeys() {
    }

    /** The canonical key from a record key or a row, or null when a key column is missing. */
    static String canonical(List<String> keyColumns, JsonNode source) {
        if (source == null || source.isNull() || source.isMissingNode()) {
            return null;
        }
        if (!source.isObject()) {
            // a scalar key (Debezium with a key-extracting transform) stands for a single-column key
            return keyColumns.size() == 1 && source.isValueNode() ? value(source) : null;
        }
        StringJoiner joined = new StringJoiner("|");
        for (String column : keyColumns) {
            JsonNode v = source.get(column);
            if (v == null || v.isNull() || !v.isValueNode()) {
                return null;
            }
            joined.add(value(v));
        }
        return joined.toString();
    }

    private static String value(JsonNode v) {
        if (v.isNumber()) {
            return plain(v.decimalValue());
        }
        String s = v.asString().strip();
        try {
            return plain(new BigDecimal(s));
        } catch (NumberFormatException e) {
            return s;
        }
    }

    private static String plain(BigDecimal d) {
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }
}
