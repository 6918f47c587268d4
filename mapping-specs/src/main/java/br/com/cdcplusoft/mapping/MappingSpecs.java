package br.com.cdcplusoft.mapping;

import br.com.cdcplusoft.core.catalog.EntityCatalog;
import br.com.cdcplusoft.core.catalog.EntityDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The mapping specs of every entity, loaded and checked once: {@code mapping/<entidade>.yml} from
 * the classpath (the defaults, which produce the Plusoft layouts of domain.md), each replaced by
 * {@code <entidade>.yml}, {@code .yaml} or {@code .json} from an override folder when there is one.
 * Immutable and thread-safe.
 *
 * <p>Loading fails with {@link InvalidMappingException} listing every problem: a spec that is
 * missing or unreadable, an unknown setting, type or transform, a field declared twice, a column
 * the source view does not have (the view's metadata when the database can be read, else the
 * spec's declared {@code columns}), a constant its type rejects, a key that is not a required field.
 */
public final class MappingSpecs {

    private static final Logger log = LoggerFactory.getLogger(MappingSpecs.class);
    private static final YAMLMapper YAML = YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final List<String> EXTENSIONS = List.of(".yml", ".yaml", ".json");

    private final Map<String, EntityMapping> byEntity;

    private MappingSpecs(Map<String, EntityMapping> byEntity) {
        this.byEntity = Collections.unmodifiableMap(byEntity);
    }

    /** The classpath specs, checked against their declared columns. */
    public static MappingSpecs load(EntityCatalog catalog) {
        return load(catalog, null, SourceColumns.none());
    }

    /**
     * @param specsDir  folder of override specs, or null
     * @param columns   where the source views' columns are read; views it cannot read are checked
     *                  against the spec's declared columns
     */
    public static MappingSpecs load(EntityCatalog catalog, Path specsDir, SourceColumns columns) {
        List<String> problems = new ArrayList<>();
        Map<String, JsonNode> trees = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        if (specsDir != null && !Files.isDirectory(specsDir)) {
            problems.add("mapper.specs-dir " + specsDir.toAbsolutePath() + " is not a folder");
            specsDir = null;
        }
        for (EntityDefinition entity : catalog.all()) {
            Optional<SpecText> text = find(entity.name(), specsDir);
            if (text.isEmpty()) {
                problems.add("mapping '" + entity.name() + "': no spec found: neither mapping/" + entity.name()
                        + ".yml on the classpath" + (specsDir == null ? "" : " nor " + entity.name() + ".yml in " + specsDir));
                continue;
            }
            try {
                trees.put(entity.name(), YAML.readTree(text.get().content()));
                origins.put(entity.name(), text.get().origin());
            } catch (JacksonException e) {
                problems.add("mapping '" + entity.name() + "': cannot read " + text.get().origin() + ": " + e.getOriginalMessage());
            }
        }
        problems.addAll(strayFiles(catalog, specsDir));
        Map<String, Set<String>> viewColumns = columns.read(catalog.all().stream()
                .filter(e -> trees.containsKey(e.name())).map(EntityDefinition::source).distinct().toList());
        Map<String, EntityMapping> mappings = new LinkedHashMap<>();
        for (EntityDefinition entity : catalog.all()) {
            JsonNode tree = trees.get(entity.name());
            if (tree == null) {
                continue;
            }
            Set<String> fromDatabase = viewColumns.get(entity.source());
            Set<String> declared = SpecParser.declaredColumns(tree);
            warnIfDeclaredDiffers(entity, fromDatabase, declared);
            EntityMapping mapping = SpecParser.parse(entity.name(), entity.source(), tree,
                    fromDatabase != null ? fromDatabase : declared, problems);
            if (mapping != null) {
                mappings.put(entity.name(), mapping);
                log.info("Mapping '{}' loaded from {}: {} fields, columns checked against {}", entity.name(),
                        origins.get(entity.name()), mapping.fields().size(),
                        fromDatabase != null ? "the database's " + entity.source() : "the declared columns");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidMappingException(problems);
        }
        return new MappingSpecs(mappings);
    }

    /** Entity names, in catalog order. */
    public List<String> entities() {
        return List.copyOf(byEntity.keySet());
    }

    /** The Plusoft field names an entity emits, in payload order. */
    public List<String> fields(String entity) {
        return mapping(entity).fields().stream().map(FieldMapping::name).toList();
    }

    /** The source columns each field reads (field -> columns, payload order; empty for fields without a source). */
    public Map<String, List<String>> sourceColumns(String entity) {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        mapping(entity).fields().forEach(f -> columns.put(f.name(), f.columns()));
        return Collections.unmodifiableMap(columns);
    }

    /**
     * Maps one source row (column names exactly as the view has them).
     *
     * @throws EntityCatalog.UnknownEntityException when the entity has no spec
     */
    public PreviewResult map(String entity, ObjectNode row) {
        return mapping(entity).map(row);
    }

    /** The Plusoft key of a row, computing the key fields only; empty when they cannot be mapped. */
    public Optional<ObjectNode> keyOf(String entity, ObjectNode row) {
        return mapping(entity).keyOf(row);
    }

    private EntityMapping mapping(String entity) {
        EntityMapping mapping = byEntity.get(entity);
        if (mapping == null) {
            throw new EntityCatalog.UnknownEntityException(entity, entities());
        }
        return mapping;
    }

    private record SpecText(String origin, String content) {
    }

    private static Optional<SpecText> find(String entity, Path specsDir) {
        if (specsDir != null) {
            for (String ext : EXTENSIONS) {
                Path file = specsDir.resolve(entity + ext);
                if (Files.isRegularFile(file)) {
                    try {
                        return Optional.of(new SpecText(file.toString(), Files.readString(file, StandardCharsets.UTF_8)));
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read mapping spec " + file, e);
                    }
                }
            }
        }
        String resource = "mapping/" + entity + ".yml";
        try (InputStream in = MappingSpecs.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? Optional.empty()
                    : Optional.of(new SpecText("classpath:" + resource, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read mapping spec " + resource, e);
        }
    }

    /** Override files named after no entity: a typo there would otherwise silently keep the default. */
    private static List<String> strayFiles(EntityCatalog catalog, Path specsDir) {
        if (specsDir == null) {
            return List.of();
        }
        Set<String> stray = new LinkedHashSet<>();
        try (Stream<Path> files = Files.list(specsDir)) {
            files.map(f -> f.getFileName().toString()).sorted().forEach(name -> EXTENSIONS.stream()
                    .filter(name::endsWith)
                    .map(ext -> name.substring(0, name.length() - ext.length()))
                    .filter(entity -> catalog.find(entity).isEmpty())
                    .forEach(entity -> stray.add("mapping '" + entity + "': " + specsDir.resolve(name)
                            + " matches no entity in pipeline.entities (" + String.join(", ", catalog.names()) + ")")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + specsDir, e);
        }
        return List.copyOf(stray);
    }

    private static void warnIfDeclaredDiffers(EntityDefinition entity, Set<String> fromDatabase, Set<String> declared) {
        if (fromDatabase == null || declared == null || fromDatabase.equals(declared)) {
            return;
        }
        Set<String> undeclared = new LinkedHashSet<>(fromDatabase);
        undeclared.removeAll(declared);
        Set<String> missing = new LinkedHashSet<>(declared);
        missing.removeAll(fromDatabase);
        log.warn("Mapping '{}': declared columns differ from {} in the database (not declared: {}; declared but absent: {})",
                entity.name(), entity.source(), undeclared, missing);
    }
}
