package br.com.cdcplusoft.gateway.read;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the mapper would make of one view row ({@code ?formato=plusoft}): the Plusoft key and
 * payload, or the field errors that would dead-letter the row. Backed by the mapper's own
 * specs, so the preview is exactly what the stream emits.
 */
interface PayloadPreview {

    /**
     * @throws br.com.cdcplusoft.core.catalog.EntityCatalog.UnknownEntityException when the mapper has no spec for the entity
     */
    Result preview(String entity, ObjectNode sourceRow);

    /** Either key and payload, or errors. */
    record Result(ObjectNode key, ObjectNode payload, List<FieldError> errors) {
        public Result {
            errors = errors == null ? List.of() : List.copyOf(errors);
        }
    }

    /** A Plusoft field that cannot be filled, and why (never quoting the value). */
    record FieldError(String campo, String motivo) {
    }
}
