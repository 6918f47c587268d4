package br.com.cdcplusoft.mapping;

import java.util.List;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * One source row mapped with an entity's spec: either the Plusoft key and payload, or the field
 * errors that keep it from being sent. The same result the stream acts on, so a preview shows
 * exactly what would be emitted (or dead-lettered).
 *
 * @param key     the Plusoft identity, e.g. {@code {"IDPRODUTO":10}}; null when there are errors
 * @param payload every field of the layout in spec order, null values included; null when there are errors
 * @param errors  empty when the row maps
 */
public record PreviewResult(ObjectNode key, ObjectNode payload, List<FieldError> errors) {

    public PreviewResult {
        errors = errors == null ? List.of() : List.copyOf(errors);
        if (errors.isEmpty()) {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(payload, "payload");
        } else if (key != null || payload != null) {
            throw new IllegalArgumentException("a result has either a payload or errors, not both");
        }
    }

    static PreviewResult mapped(ObjectNode key, ObjectNode payload) {
        return new PreviewResult(key, payload, List.of());
    }

    static PreviewResult failed(List<FieldError> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a failed result needs at least one error");
        }
        return new PreviewResult(null, null, errors);
    }

    public boolean ok() {
        return errors.isEmpty();
    }
}
