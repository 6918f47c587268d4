package br.com.cdcplusoft.mapping;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** One Plusoft field, compiled from its spec: read the columns, transform, type, check required. */
final class FieldMapping {

    private final String name;
    private final FieldType type;
    private final FieldType.Options options;
    private final List<String> columns;
    private final boolean required;
    private final boolean nullWhenInvalid;
    private final Transform.Combiner combiner;
    private final List<Transform> transforms;

    FieldMapping(String name, FieldType type, FieldType.Options options, List<String> columns, boolean required,
                 boolean nullWhenInvalid, List<Transform> transforms) {
        this.name = name;
        this.type = type;
        this.options = options;
        this.columns = List.copyOf(columns);
        this.required = required;
        this.nullWhenInvalid = nullWhenInvalid;
        List<Transform> rest = new ArrayList<>(transforms);
        this.combiner = !rest.isEmpty() && rest.get(0) instanceof Transform.Combiner c ? c : null;
        if (combiner != null) {
            rest.remove(0);
        }
        this.transforms = List.copyOf(rest);
    }

    String name() {
        return name;
    }

    FieldType type() {
        return type;
    }

    List<String> columns() {
        return columns;
    }

    boolean required() {
        return required;
    }

    /** The field's value for a row: JSON, or null when empty. */
    JsonNode evaluate(ObjectNode row) {
        JsonNode result;
        try {
            result = convert(row);
        } catch (FieldProblem problem) {
            if (!nullWhenInvalid) {
                throw problem;
            }
            result = null;
        }
        if (result == null && required) {
            throw new FieldProblem(columns.isEmpty() ? "is required but has no value"
                    : "is required but has no value (source " + String.join(", ", columns) + ")");
        }
        return result;
    }

    private JsonNode convert(ObjectNode row) {
        List<JsonNode> parts = new ArrayList<>(columns.size());
        for (String column : columns) {
            JsonNode v = row.get(column);
            parts.add(v == null || v.isNull() ? null : v);
        }
        if (type.combines(parts.size()) && combiner == null) {
            return type.convertColumns(parts, options);
        }
        JsonNode value = combiner != null ? combiner.combine(parts) : parts.isEmpty() ? null : parts.get(0);
        for (Transform transform : transforms) {
            value = transform.apply(value);
        }
        return type.convert(value, options);
    }

    /** Types a value the spec itself supplies (a constant, default or lookup value), for start-up checks. */
    JsonNode convertSpecValue(JsonNode value) {
        return type.convert(value, options);
    }
}
