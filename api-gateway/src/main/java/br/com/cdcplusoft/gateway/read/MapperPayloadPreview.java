package br.com.cdcplusoft.gateway.read;

import br.com.cdcplusoft.mapping.MappingPreview;
import br.com.cdcplusoft.mapping.PreviewResult;
import tools.jackson.databind.node.ObjectNode;

/** {@link PayloadPreview} backed by the mapper's {@link MappingPreview} (the specs the stream applies). */
final class MapperPayloadPreview implements PayloadPreview {

    private final MappingPreview preview;

    MapperPayloadPreview(MappingPreview preview) {
        this.preview = preview;
    }

    @Override
    public Result preview(String entity, ObjectNode sourceRow) {
        PreviewResult result = preview.preview(entity, sourceRow);
        return new Result(result.key(), result.payload(),
                result.errors().stream().map(e -> new FieldError(e.field(), e.reason())).toList());
    }
}
