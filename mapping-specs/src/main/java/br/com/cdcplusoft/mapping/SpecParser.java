package br.com.cdcplusoft.mapping;

import br.com.cdcplusoft.mapping.Normalizers.PhoneKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads one entity's spec tree (YAML or JSON) and compiles it, checking it against itself and
 * against the columns of its source view. Every problem is recorded with the entity and field it
 * concerns; the caller fails start-up when there is any.
 *
 * <pre>
 * columns: [SEQPRODUTO, DESCCOMPLETA, ...]     # the view's columns, used when the database cannot be read
 * key: [IDPRODUTO]                             # Plusoft identity fields, in key order
 * lookups:                                     # optional named code tables
 *   unidade: {S: KG}
 * fields:
 *   - field: TXTDESCRICAORESUMIDA              # Plusoft field name, emitted as is
 *     type: text                               # text integer decimal date datetime flag cpf-cnpj cpf cnpj phone cep
 *     source: DESCREDUZIDA                     # a column or a list of columns; none for an always-null field
 *     required: false                          # an empty required field makes the row a dead letter
 *     transforms: [trim, upper]                # see {@link Transform}
 *     scale: 2                                 # decimal only
 *     kind: mobile                             # phone only: any (default), mobile, landline
 *     on-invalid: reject                       # reject (default: the row is a dead letter) or null
 * </pre>
 */
final class SpecParser {

    private static final List<String> TOP_SETTINGS = List.of("entity", "columns", "key", "lookups", "fields");
    private static final List<String> FIELD_SETTINGS = List.of("field", "type", "source", "required", "scale", "kind",
            "on-invalid", "transforms");

    private final String entity;
    private final String view;
    private final List<String> problems;

    private SpecParser(String entity, String view, List<String> problems) {
        this.entity = entity;
        this.view = view;
        this.problems = problems;
    }

    /** The columns a spec declares under {@code columns}, or null when it declares none. */
    static Set<String> declaredColumns(JsonNode root) {
        JsonNode columns = root == null ? null : root.get("columns");
        if (columns == null || !columns.isArray()) {
            return null;
        }
        Set<String> names = new LinkedHashSet<>();
        columns.forEach(c -> names.add(c.asString()));
        return names;
    }

    /**
     * @param viewColumns the view's columns (from the database, else the spec's {@code columns}), or
     *                    null when neither is known
     * @return the compiled mapping, or null when a problem was recorded
     */
    static EntityMapping parse(String entity, String view, JsonNode root, Set<String> viewColumns, List<String> problems) {
        int before = problems.size();
        EntityMapping mapping = new SpecParser(entity, view, problems).parse(root, viewColumns);
        return problems.size() == before ? mapping : null;
    }

    private EntityMapping parse(JsonNode root, Set<String> viewColumns) {
        if (root == null || !root.isObject()) {
            problem("the spec must be a YAML or JSON object with 'key' and 'fields'");
            return null;
        }
        for (String name : root.propertyNames()) {
            if (!TOP_SETTINGS.contains(name)) {
                problem("unknown setting '" + name + "'; expected one of " + String.join(", ", TOP_SETTINGS));
            }
        }
        JsonNode declared = root.get("entity");
        if (declared != null && !entity.equals(declared.asString())) {
            problem("the spec declares entity '" + declared.asString() + "'");
        }
        JsonNode columns = root.get("columns");
        if (columns != null && (!columns.isArray() || !allStrings(columns))) {
            problem("'columns' must be a list of column names");
        }
        if (viewColumns == null) {
            problem("cannot check its columns: " + view + " could not be read from the database and the spec declares no 'columns'");
        }
        Map<String, Map<String, JsonNode>> lookups = lookups(root.get("lookups"));
        JsonNode fieldsNode = root.get("fields");
        if (fieldsNode == null || !fieldsNode.isArray() || fieldsNode.isEmpty()) {
            problem("'fields' must be a non-empty list");
            return null;
        }
        List<FieldMapping> fields = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int index = 0;
        for (JsonNode node : fieldsNode) {
            index++;
            FieldMapping field = field(index, node, viewColumns, lookups, names);
            if (field != null) {
                fields.add(field);
            }
        }
        List<String> key = key(root.get("key"), fieldsNode);
        return new EntityMapping(entity, view, fields, key.stream().filter(k -> fields.stream().anyMatch(f -> f.name().equals(k))).toList());
    }

    private Map<String, Map<String, JsonNode>> lookups(JsonNode node) {
        Map<String, Map<String, JsonNode>> tables = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return tables;
        }
        if (!node.isObject()) {
            problem("'lookups' must map table names to code tables");
            return tables;
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            Map<String, JsonNode> table = table(e.getValue());
            if (table == null) {
                problem("lookup table '" + e.getKey() + "' must map codes to values");
            } else {
                tables.put(e.getKey(), table);
            }
        }
        return tables;
    }

    private static Map<String, JsonNode> table(JsonNode node) {
        if (node == null || !node.isObject() || node.isEmpty()) {
            return null;
        }
        Map<String, JsonNode> table = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (e.getValue().isContainer()) {
                return null;
            }
            table.put(e.getKey().strip(), e.getValue());
        }
        return table;
    }

    private List<String> key(JsonNode node, JsonNode fieldsNode) {
        List<String> key = new ArrayList<>();
        if (node != null && node.isString()) {
            key.add(node.asString());
        } else if (node != null && node.isArray() && allStrings(node)) {
            node.forEach(k -> key.add(k.asString()));
        }
        if (key.isEmpty()) {
            problem("has no key: list the Plusoft identity fields under 'key'");
        }
        for (String k : key) {
            JsonNode field = null;
            for (JsonNode f : fieldsNode) {
                if (k.equals(f.path("field").asString(null))) {
                    field = f;
                }
            }
            if (field == null) {
                problem("key field '" + k + "' is not one of the fields");
            } else if (!field.path("required").asBoolean(false)) {
                problem("key field '" + k + "' must be required: a Plusoft identity cannot be empty");
            }
        }
        return key;
    }

    private FieldMapping field(int index, JsonNode node, Set<String> viewColumns, Map<String, Map<String, JsonNode>> lookups,
                               Set<String> names) {
        if (node == null || !node.isObject()) {
            problem("fields[" + index + "] must be an object with field, type and source");
            return null;
        }
        String name = node.path("field").asString("").strip();
        if (name.isEmpty()) {
            problem("fields[" + index + "] has no 'field' name");
            return null;
        }
        int before = problems.size();
        if (!names.add(name)) {
            fieldProblem(name, "is declared twice");
        }
        for (String setting : node.propertyNames()) {
            if (!FIELD_SETTINGS.contains(setting)) {
                fieldProblem(name, "has unknown setting '" + setting + "'; expected one of " + String.join(", ", FIELD_SETTINGS));
            }
        }
        FieldType type = type(name, node.get("type"));
        List<String> columns = columns(name, node.get("source"), viewColumns);
        boolean required = bool(name, "required", node.get("required"));
        Integer scale = scale(name, type, node.get("scale"));
        PhoneKind kind = phoneKind(name, type, node.get("kind"));
        boolean nullWhenInvalid = onInvalid(name, node.get("on-invalid"));
        List<Transform> transforms = transforms(name, node.get("transforms"), lookups, scale);
        if (type == null || problems.size() > before) {
            return null;
        }
        if (!checkShape(name, type, columns, transforms, required)) {
            return null;
        }
        FieldMapping field = new FieldMapping(name, type, new FieldType.Options(scale, kind), columns, required,
                nullWhenInvalid, transforms);
        checkSpecValues(field, transforms);
        return field;
    }

    private FieldType type(String field, JsonNode node) {
        if (node == null || !node.isString() || node.asString().isBlank()) {
            fieldProblem(field, "has no type; expected one of " + FieldType.specNames());
            return null;
        }
        String name = node.asString().strip();
        return FieldType.bySpecName(name).orElseGet(() -> {
            fieldProblem(field, "has unknown type '" + name + "'; expected one of " + FieldType.specNames());
            return null;
        });
    }

    private List<String> columns(String field, JsonNode node, Set<String> viewColumns) {
        List<String> columns = new ArrayList<>();
        if (node == null || node.isNull()) {
            return columns;
        }
        if (node.isString()) {
            columns.add(node.asString().strip());
        } else if (node.isArray() && allStrings(node)) {
            node.forEach(c -> columns.add(c.asString().strip()));
        } else {
            fieldProblem(field, "has a source that is neither a column name nor a list of column names");
            return columns;
        }
        for (String column : columns) {
            if (viewColumns != null && !viewColumns.contains(column)) {
                fieldProblem(field, "reads column '" + column + "' which " + view + " does not have");
            }
        }
        return columns;
    }

    private boolean bool(String field, String setting, JsonNode node) {
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            fieldProblem(field, "has " + setting + " '" + node.asString() + "'; expected true or false");
            return false;
        }
        return node.booleanValue();
    }

    private Integer scale(String field, FieldType type, JsonNode node) {
        if (node == null || node.isNull()) {
            if (type == FieldType.DECIMAL) {
                fieldProblem(field, "of type decimal needs a scale (0 to " + FieldType.MAX_SCALE + ")");
            }
            return null;
        }
        if (type != null && type != FieldType.DECIMAL) {
            fieldProblem(field, "has a scale but is of type " + type.specName() + "; only decimal fields have one");
            return null;
        }
        if (!node.isIntegralNumber() || node.intValue() < 0 || node.intValue() > FieldType.MAX_SCALE) {
            fieldProblem(field, "has scale '" + node.asString() + "'; expected a whole number from 0 to " + FieldType.MAX_SCALE);
            return null;
        }
        return node.intValue();
    }

    private PhoneKind phoneKind(String field, FieldType type, JsonNode node) {
        if (node == null || node.isNull()) {
            return PhoneKind.ANY;
        }
        if (type != null && type != FieldType.PHONE) {
            fieldProblem(field, "has a kind but is of type " + type.specName() + "; only phone fields have one");
            return PhoneKind.ANY;
        }
        return switch (node.asString().strip().toLowerCase(Locale.ROOT)) {
            case "any" -> PhoneKind.ANY;
            case "mobile" -> PhoneKind.MOBILE;
            case "landline" -> PhoneKind.LANDLINE;
            default -> {
                fieldProblem(field, "has kind '" + node.asString() + "'; expected any, mobile or landline");
                yield PhoneKind.ANY;
            }
        };
    }

    private boolean onInvalid(String field, JsonNode node) {
        if (node == null) {
            return false;
        }
        if (node.isNull()) {
            // YAML "on-invalid: null" reads as a JSON null
            return true;
        }
        return switch (node.asString().strip()) {
            case "reject" -> false;
            case "null" -> true;
            default -> {
                fieldProblem(field, "has on-invalid '" + node.asString() + "'; expected reject or null");
                yield false;
            }
        };
    }

    private List<Transform> transforms(String field, JsonNode node, Map<String, Map<String, JsonNode>> lookups, Integer scale) {
        List<Transform> transforms = new ArrayList<>();
        if (node == null || node.isNull()) {
            return transforms;
        }
        if (!node.isArray()) {
            fieldProblem(field, "has transforms that are not a list");
            return transforms;
        }
        for (JsonNode item : node) {
            Transform t = transform(field, item, lookups, scale);
            if (t != null) {
                transforms.add(t);
            }
        }
        return transforms;
    }

    private Transform transform(String field, JsonNode item, Map<String, Map<String, JsonNode>> lookups, Integer scale) {
        String name;
        JsonNode arg;
        if (item.isString()) {
            name = item.asString().strip();
            arg = null;
        } else if (item.isObject() && !item.isEmpty()) {
            List<String> keys = new ArrayList<>(item.propertyNames());
            name = keys.stream().filter(Transform.NAMES::contains).findFirst().orElse(keys.get(0));
            arg = item.get(name);
            for (String extra : keys) {
                if (!extra.equals(name) && !(name.equals("lookup") && extra.equals("otherwise"))) {
                    fieldProblem(field, "has transform '" + name + "' with unknown option '" + extra + "'");
                    return null;
                }
            }
        } else {
            fieldProblem(field, "has a transform that is neither a name nor a {name: argument} object");
            return null;
        }
        if (!Transform.NAMES.contains(name)) {
            fieldProblem(field, "has unknown transform '" + name + "'; expected one of " + String.join(", ", Transform.NAMES));
            return null;
        }
        switch (name) {
            case "trim":
                return noArgument(field, name, arg, Transform.Case.TRIM);
            case "upper":
                return noArgument(field, name, arg, Transform.Case.UPPER);
            case "lower":
                return noArgument(field, name, arg, Transform.Case.LOWER);
            case "divide":
                return noArgument(field, name, arg, new Transform.Divide(scale));
            case "concat":
                if (arg != null && !arg.isNull() && !arg.isString()) {
                    fieldProblem(field, "has transform 'concat' whose separator is not text");
                    return null;
                }
                return new Transform.Concat(arg == null || arg.isNull() ? "" : arg.asString());
            case "pad":
                return pad(field, arg);
            case "constant":
            case "default":
                if (arg == null || arg.isContainer() || arg.isNull()) {
                    fieldProblem(field, "has transform '" + name + "' without a value");
                    return null;
                }
                return name.equals("constant") ? new Transform.Constant(arg) : new Transform.Default(arg);
            default:
                return lookup(field, item, arg, lookups);
        }
    }

    private Transform noArgument(String field, String name, JsonNode arg, Transform transform) {
        if (arg != null && !arg.isNull() && !(arg.isObject() && arg.isEmpty())) {
            fieldProblem(field, "has transform '" + name + "' which takes no argument");
            return null;
        }
        return transform;
    }

    private Transform pad(String field, JsonNode arg) {
        if (arg != null && arg.isIntegralNumber()) {
            return arg.intValue() > 0 ? new Transform.Pad(arg.intValue(), '0', true) : badPad(field);
        }
        if (arg == null || !arg.isObject()) {
            return badPad(field);
        }
        for (String option : arg.propertyNames()) {
            if (!List.of("length", "char", "side").contains(option)) {
                return badPad(field);
            }
        }
        int length = arg.path("length").asInt(0);
        String with = arg.path("char").asString("0");
        String side = arg.path("side").asString("left");
        if (length < 1 || with.length() != 1 || !(side.equals("left") || side.equals("right"))) {
            return badPad(field);
        }
        return new Transform.Pad(length, with.charAt(0), side.equals("left"));
    }

    private Transform badPad(String field) {
        fieldProblem(field, "has transform 'pad' without a valid length: write {pad: 8} or {pad: {length: 8, char: '0', side: left}}");
        return null;
    }

    private Transform lookup(String field, JsonNode item, JsonNode arg, Map<String, Map<String, JsonNode>> lookups) {
        String tableName;
        Map<String, JsonNode> table;
        if (arg != null && arg.isString()) {
            tableName = "'" + arg.asString() + "'";
            table = lookups.get(arg.asString());
            if (table == null) {
                fieldProblem(field, "uses lookup table '" + arg.asString() + "' which is not declared under 'lookups'");
                return null;
            }
        } else {
            tableName = "of field " + field;
            table = table(arg);
            if (table == null) {
                fieldProblem(field, "has transform 'lookup' that is neither a table name nor a table of codes to values");
                return null;
            }
        }
        JsonNode otherwise = item.isObject() ? item.get("otherwise") : null;
        if (otherwise != null && otherwise.isContainer()) {
            fieldProblem(field, "has a lookup 'otherwise' that is not a single value");
            return null;
        }
        return new Transform.Lookup(tableName, table, otherwise != null, otherwise);
    }

    /** Arity and order rules between the type, the source columns and the transforms. */
    private boolean checkShape(String field, FieldType type, List<String> columns, List<Transform> transforms, boolean required) {
        boolean ok = true;
        Transform first = transforms.isEmpty() ? null : transforms.get(0);
        for (int i = 1; i < transforms.size(); i++) {
            Transform t = transforms.get(i);
            if (t instanceof Transform.Combiner || t instanceof Transform.Constant) {
                fieldProblem(field, "has transform '" + t.specName() + "' after another one; it must come first");
                return false;
            }
        }
        if (first instanceof Transform.Constant && !columns.isEmpty()) {
            fieldProblem(field, "has both a source and a constant");
            ok = false;
        }
        if (first instanceof Transform.Divide && columns.size() != 2) {
            fieldProblem(field, "divides but reads " + columns.size() + " column(s); divide needs 2 (dividend, divisor)");
            ok = false;
        } else if (first instanceof Transform.Combiner && columns.isEmpty()) {
            fieldProblem(field, "has transform '" + first.specName() + "' but no source columns");
            ok = false;
        }
        if (type.combines(columns.size()) && !(first instanceof Transform.Combiner) && !transforms.isEmpty()) {
            fieldProblem(field, "of type " + type.specName() + " combines its " + columns.size()
                    + " columns itself and takes no transforms");
            ok = false;
        } else if (columns.size() > 1 && !type.combines(columns.size()) && !(first instanceof Transform.Combiner)) {
            fieldProblem(field, "reads " + columns.size() + " columns but type " + type.specName() + " takes "
                    + type.columnCountsText() + "; combine them with a first transform concat or divide");
            ok = false;
        }
        boolean supplied = transforms.stream().anyMatch(t -> t instanceof Transform.Constant || t instanceof Transform.Default);
        if (required && columns.isEmpty() && !supplied) {
            fieldProblem(field, "is required but has no source column and no constant");
            ok = false;
        }
        return ok;
    }

    /** Values written in the spec (constants, defaults, lookup results) must fit the field's type. */
    private void checkSpecValues(FieldMapping field, List<Transform> transforms) {
        for (int i = 0; i < transforms.size(); i++) {
            Transform t = transforms.get(i);
            // a value is typed directly when no later transform can still change it
            boolean last = transforms.subList(i + 1, transforms.size()).stream()
                    .allMatch(later -> later instanceof Transform.Default);
            if (!last) {
                continue;
            }
            if (t instanceof Transform.Constant c) {
                checkValue(field, "constant", c.value());
            } else if (t instanceof Transform.Default d) {
                checkValue(field, "default", d.value());
            } else if (t instanceof Transform.Lookup l) {
                l.table().forEach((code, value) -> checkValue(field, "lookup value for code '" + code + "'", value));
                if (l.hasOtherwise()) {
                    checkValue(field, "lookup 'otherwise' value", l.otherwise());
                }
            }
        }
    }

    private void checkValue(FieldMapping field, String what, JsonNode value) {
        try {
            field.convertSpecValue(value);
        } catch (FieldProblem p) {
            fieldProblem(field.name(), "has a " + what + " that type " + field.type().specName() + " rejects: it " + p.reason());
        }
    }

    private static boolean allStrings(JsonNode array) {
        for (JsonNode n : array) {
            if (!n.isString()) {
                return false;
            }
        }
        return true;
    }

    private void problem(String text) {
        problems.add("mapping '" + entity + "': " + text);
    }

    private void fieldProblem(String field, String text) {
        problems.add("mapping '" + entity + "': field '" + field + "' " + text);
    }
}
