package dev.ember.sql.sources;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.types.StringType;
import dev.ember.sql.types.StructField;
import dev.ember.sql.types.StructType;

/** Finding the columns of a read's schemas by name, and the corrupt record column. */
public final class SchemaColumns {
    private SchemaColumns() {}

    /** The index of the field called {@code name} in {@code schema}: the exact name first, then ignoring case; -1. */
    public static int indexOf(StructType schema, String name) {
        for (int i = 0; i < schema.size(); i++) {
            if (schema.field(i).name().equals(name)) {
                return i;
            }
        }
        for (int i = 0; i < schema.size(); i++) {
            if (schema.field(i).name().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The index of the corrupt record column {@code name} in {@code schema}, or -1 when it has none; fails when the
     * column is there but is not a string.
     */
    public static int corruptIndex(StructType schema, String name) {
        int index = indexOf(schema, name);
        if (index < 0) {
            return -1;
        }
        StructField field = schema.field(index);
        if (!(field.dataType() instanceof StringType)) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "The corrupt record column " + field.name() + " must be of type string, not "
                            + field.dataType().simpleString());
        }
        return index;
    }

    /** The fields of {@code schema} but the one at {@code skip} (none when -1). */
    public static StructType without(StructType schema, int skip) {
        if (skip < 0) {
            return schema;
        }
        StructType result = new StructType();
        for (int i = 0; i < schema.size(); i++) {
            if (i != skip) {
                result = result.add(schema.field(i));
            }
        }
        return result;
    }
}
