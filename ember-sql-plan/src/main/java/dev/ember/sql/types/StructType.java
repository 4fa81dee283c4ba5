package dev.ember.sql.types;

import static java.util.Objects.requireNonNull;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * An ordered list of named fields: the schema of a table or a query's result, or the type of a struct value.
 * Immutable: {@link #add} returns a new struct. Names are looked up without regard to case; a struct may hold the
 * same name twice (a join's output can), and then looking that name up is ambiguous.
 */
public final class StructType implements DataType, Iterable<StructField> {
    private static final long serialVersionUID = 1L;

    private final List<StructField> fields;

    public StructType() {
        this.fields = List.of();
    }

    public StructType(List<StructField> fields) {
        this.fields = List.copyOf(requireNonNull(fields, "fields is null"));
    }

    public StructType(StructField... fields) {
        this(Arrays.asList(fields));
    }

    /** A new struct with {@code field} added at the end. */
    public StructType add(StructField field) {
        List<StructField> added = new ArrayList<>(fields);
        added.add(requireNonNull(field, "field is null"));
        return new StructType(added);
    }

    public StructType add(String name, DataType dataType) {
        return add(new StructField(name, dataType, true));
    }

    public StructType add(String name, DataType dataType, boolean nullable) {
        return add(new StructField(name, dataType, nullable));
    }

    public List<StructField> fields() {
        return fields;
    }

    public int size() {
        return fields.size();
    }

    public StructField field(int index) {
        return fields.get(index);
    }

    public String[] fieldNames() {
        return fields.stream().map(StructField::name).toArray(String[]::new);
    }

    /** The index of the field called {@code name} (any case), if exactly one is. */
    public Optional<Integer> indexOf(String name) {
        String wanted = Identifiers.normalize(name);
        int found = -1;
        for (int i = 0; i < fields.size(); i++) {
            if (Identifiers.normalize(fields.get(i).name()).equals(wanted)) {
                if (found >= 0) {
                    throw new EmberException(
                            ErrorClass.INVALID_SQL,
                            "The field name " + Identifiers.quote(name) + " is ambiguous in " + simpleString());
                }
                found = i;
            }
        }
        return found < 0 ? Optional.empty() : Optional.of(found);
    }

    /** The index of the field called {@code name}; fails naming the fields there are. */
    public int fieldIndex(String name) {
        return indexOf(name)
                .orElseThrow(() -> new EmberException(
                        ErrorClass.UNRESOLVED_COLUMN,
                        "No field " + Identifiers.quote(name) + " in " + simpleString() + "; the fields are "
                                + String.join(", ", fieldNames())));
    }

    /** The field called {@code name}; fails naming the fields there are. */
    public StructField apply(String name) {
        return fields.get(fieldIndex(name));
    }

    /** The schema as DDL: {@code a INT, b STRING NOT NULL}. */
    public String toDDL() {
        List<String> parts = new ArrayList<>(fields.size());
        for (StructField field : fields) {
            parts.add(field.toDDL());
        }
        return String.join(", ", parts);
    }

    /** The schema drawn as a tree, as {@code printSchema} shows it. */
    public String treeString() {
        StringBuilder tree = new StringBuilder("root\n");
        appendFields(tree, this, " |-- ");
        return tree.toString();
    }

    private static void appendFields(StringBuilder tree, StructType struct, String prefix) {
        for (StructField field : struct.fields) {
            tree.append(prefix)
                    .append(field.name())
                    .append(": ")
                    .append(typeLabel(field.dataType()))
                    .append(" (nullable = ")
                    .append(field.nullable())
                    .append(")\n");
            appendNested(tree, field.dataType(), " |   " + prefix.substring(1));
        }
    }

    private static void appendNested(StringBuilder tree, DataType type, String prefix) {
        if (type instanceof StructType nested) {
            appendFields(tree, nested, prefix);
        } else if (type instanceof ArrayType array) {
            tree.append(prefix)
                    .append("element: ")
                    .append(typeLabel(array.elementType()))
                    .append(" (containsNull = ")
                    .append(array.containsNull())
                    .append(")\n");
            appendNested(tree, array.elementType(), " |   " + prefix.substring(1));
        } else if (type instanceof MapType map) {
            tree.append(prefix).append("key: ").append(typeLabel(map.keyType())).append('\n');
            appendNested(tree, map.keyType(), " |   " + prefix.substring(1));
            tree.append(prefix)
                    .append("value: ")
                    .append(typeLabel(map.valueType()))
                    .append(" (valueContainsNull = ")
                    .append(map.valueContainsNull())
                    .append(")\n");
            appendNested(tree, map.valueType(), " |   " + prefix.substring(1));
        }
    }

    private static String typeLabel(DataType type) {
        if (type instanceof StructType) {
            return "struct";
        }
        if (type instanceof ArrayType) {
            return "array";
        }
        if (type instanceof MapType) {
            return "map";
        }
        return type.simpleString();
    }

    @Override
    public Iterator<StructField> iterator() {
        return fields.iterator();
    }

    @Override
    public String sql() {
        List<String> parts = new ArrayList<>(fields.size());
        for (StructField field : fields) {
            parts.add(Identifiers.quoteIfNeeded(field.name()) + ": "
                    + field.dataType().sql());
        }
        return "STRUCT<" + String.join(", ", parts) + ">";
    }

    @Override
    public String simpleString() {
        List<String> parts = new ArrayList<>(fields.size());
        for (StructField field : fields) {
            parts.add(field.name() + ":" + field.dataType().simpleString());
        }
        return "struct<" + String.join(",", parts) + ">";
    }

    @Override
    public int defaultSize() {
        int size = 0;
        for (StructField field : fields) {
            size += field.dataType().defaultSize();
        }
        return size;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StructType struct && struct.fields.equals(fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return "StructType(" + fields + ")";
    }
}
