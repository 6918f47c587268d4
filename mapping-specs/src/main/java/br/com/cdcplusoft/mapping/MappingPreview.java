package br.com.cdcplusoft.mapping;

import java.util.List;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the mapper would make of a source row, without Kafka: the gateway's preview. Uses the same
 * specs the stream applies, so a preview shows exactly the payload (or the field errors that
 * would dead-letter the row). Thread-safe.
 *
 * <pre>
 * MappingPreview preview = MappingPreview.fromSpecs(MappingSpecs.load(catalog));
 * PreviewResult r = preview.preview("produtos", row);   // row: {"SEQPRODUTO": 10, "DESCCOMPLETA": "...", ...}
 * if (r.ok()) { r.key(); r.payload(); } else { r.errors(); }
 * </pre>
 */
public final class MappingPreview {

    private final MappingSpecs specs;

    private MappingPreview(MappingSpecs specs) {
        this.specs = Objects.requireNonNull(specs, "specs");
    }

    public static MappingPreview fromSpecs(MappingSpecs specs) {
        return new MappingPreview(specs);
    }

    /**
     * @param entity    e.g. {@code produtos}
     * @param sourceRow the view's columns under their exact Oracle names
     * @throws br.com.cdcplusoft.core.catalog.EntityCatalog.UnknownEntityException for an entity without a spec
     */
    public PreviewResult preview(String entity, ObjectNode sourceRow) {
        return specs.map(entity, Objects.requireNonNull(sourceRow, "sourceRow"));
    }

    public List<String> entities() {
        return specs.entities();
    }

    /** The Plusoft fields an entity emits, in payload order. */
    public List<String> fields(String entity) {
        return specs.fields(entity);
    }
}
