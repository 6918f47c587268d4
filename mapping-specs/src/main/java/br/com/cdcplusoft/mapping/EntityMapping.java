package br.com.cdcplusoft.mapping;

import br.com.cdcplusoft.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/** An entity's compiled spec: turns a source row into the Plusoft key and payload. */
final class EntityMapping {

    private final String entity;
    private final String view;
    private final List<FieldMapping> fields;
    private final List<FieldMapping> keyFields;

    EntityMapping(String entity, String view, List<FieldMapping> fields, List<String> key) {
        this.entity = entity;
        this.view = view;
        this.fields = List.copyOf(fields);
        this.keyFields = key.stream()
                .map(k -> fields.stream().filter(f -> f.name().equals(k)).findFirst().orElseThrow())
                .toList();
    }

    String entity() {
        return entity;
    }

    String view() {
        return view;
    }

    List<FieldMapping> fields() {
        return fields;
    }

    PreviewResult map(ObjectNode row) {
        Objects.requireNonNull(row, "row");
        ObjectNode payload = Json.mapper().createObjectNode();
        List<FieldError> errors = new ArrayList<>();
        for (FieldMapping field : fields) {
            try {
                JsonNode value = field.evaluate(row);
                payload.set(field.name(), value == null ? NullNode.getInstance() : value);
            } catch (FieldProblem problem) {
                errors.add(new FieldError(field.name(), problem.reason()));
            }
        }
        if (!errors.isEmpty()) {
            return PreviewResult.failed(errors);
        }
        ObjectNode key = Json.mapper().createObjectNode();
        keyFields.forEach(k -> key.set(k.name(), payload.get(k.name())));
        return PreviewResult.mapped(key, payload);
    }

    /** The Plusoft key alone, e.g. from a delete's before image, which may lack other columns. */
    Optional<ObjectNode> keyOf(ObjectNode row) {
        if (row == null) {
            return Optional.empty();
        }
        ObjectNode key = Json.mapper().createObjectNode();
        for (FieldMapping field : keyFields) {
            try {
                key.set(field.name(), field.evaluate(row));
            } catch (FieldProblem problem) {
                return Optional.empty();
            }
        }
        return Optional.of(key);
    }
}
