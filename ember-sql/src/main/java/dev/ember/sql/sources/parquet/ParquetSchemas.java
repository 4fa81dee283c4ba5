package dev.ember.sql.sources.parquet;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.types.ArrayType;
import dev.ember.sql.types.BinaryType;
import dev.ember.sql.types.BooleanType;
import dev.ember.sql.types.ByteType;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.DateType;
import dev.ember.sql.types.DecimalType;
import dev.ember.sql.types.DoubleType;
import dev.ember.sql.types.FloatType;
import dev.ember.sql.types.IntegerType;
import dev.ember.sql.types.LongType;
import dev.ember.sql.types.MapType;
import dev.ember.sql.types.ShortType;
import dev.ember.sql.types.StringType;
import dev.ember.sql.types.StructField;
import dev.ember.sql.types.StructType;
import dev.ember.sql.types.TimestampNTZType;
import dev.ember.sql.types.TimestampType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;

/**
 * Conversions between Parquet schemas and Ember's types: what a file's columns read as ({@link #toStruct}), the
 * Parquet schema Ember writes ({@link #toMessage}, as Spark writes it), and the part of a file's schema a query reads
 * ({@link #clip}).
 *
 * <p>Lists are recognized in the standard three-level form and in the legacy two-level forms that the format's
 * backward-compatibility rules describe; an unannotated repeated field is an array of non-null elements.
 */
final class ParquetSchemas {
    /** The name Ember gives the schema of the files it writes, as Spark does. */
    static final String MESSAGE_NAME = "spark_schema";

    private ParquetSchemas() {}

    // ---------------------------------------------------------------- Parquet to Ember

    /** The struct of a file's top-level fields. */
    static StructType toStruct(GroupType message) {
        List<StructField> fields = new ArrayList<>(message.getFieldCount());
        for (Type field : message.getFields()) {
            fields.add(new StructField(field.getName(), typeOfField(field), isNullable(field)));
        }
        return new StructType(fields);
    }

    private static boolean isNullable(Type field) {
        return field.getRepetition() == Repetition.OPTIONAL;
    }

    /** The type of a field as a member of its group: a repeated field is an array of its non-repeated type. */
    static DataType typeOfField(Type field) {
        DataType type = typeOf(field);
        return field.isRepetition(Repetition.REPEATED) ? new ArrayType(type, false) : type;
    }

    /** The type of the values of a field, ignoring whether it is repeated. */
    static DataType typeOf(Type type) {
        if (type.isPrimitive()) {
            return primitiveType(type.asPrimitiveType());
        }
        GroupType group = type.asGroupType();
        LogicalTypeAnnotation annotation = group.getLogicalTypeAnnotation();
        if (annotation instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation) {
            Type element = listElement(group);
            return new ArrayType(typeOf(element), element.getRepetition() == Repetition.OPTIONAL);
        }
        if (annotation instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
                || annotation instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation) {
            GroupType keyValue = mapKeyValue(group);
            Type value = keyValue.getFieldCount() > 1 ? keyValue.getType(1) : null;
            return new MapType(
                    typeOf(keyValue.getType(0)),
                    value == null ? DataTypes.NullType : typeOf(value),
                    value == null || value.getRepetition() == Repetition.OPTIONAL);
        }
        List<StructField> fields = new ArrayList<>(group.getFieldCount());
        for (Type field : group.getFields()) {
            fields.add(new StructField(field.getName(), typeOfField(field), isNullable(field)));
        }
        return new StructType(fields);
    }

    /** The repeated field inside a LIST-annotated group. */
    static Type listRepeated(GroupType list) {
        if (list.getFieldCount() != 1 || !list.getType(0).isRepetition(Repetition.REPEATED)) {
            throw unsupported(list, "a LIST group must hold exactly one repeated field");
        }
        return list.getType(0);
    }

    /**
     * Whether the repeated field of a LIST group is itself the element (the legacy two-level forms) rather than a
     * group around the element (the standard three-level form).
     */
    static boolean isTwoLevelList(GroupType list) {
        Type repeated = listRepeated(list);
        if (repeated.isPrimitive()) {
            return true;
        }
        GroupType group = repeated.asGroupType();
        return group.getFieldCount() != 1
                || group.getName().equals("array")
                || group.getName().equals(list.getName() + "_tuple");
    }

    /** The element field of a LIST group, as its own type (repetition tells whether elements may be null). */
    static Type listElement(GroupType list) {
        Type repeated = listRepeated(list);
        if (isTwoLevelList(list)) {
            // The repeated field is the element: never null.
            return repeated.isPrimitive()
                    ? Types.primitive(repeated.asPrimitiveType().getPrimitiveTypeName(), Repetition.REQUIRED)
                            .as(repeated.getLogicalTypeAnnotation())
                            .length(repeated.asPrimitiveType().getTypeLength())
                            .named(repeated.getName())
                    : Types.buildGroup(Repetition.REQUIRED)
                            .as(repeated.getLogicalTypeAnnotation())
                            .addFields(repeated.asGroupType().getFields().toArray(new Type[0]))
                            .named(repeated.getName());
        }
        return repeated.asGroupType().getType(0);
    }

    /** The repeated key-value group inside a MAP-annotated group. */
    static GroupType mapKeyValue(GroupType map) {
        if (map.getFieldCount() != 1
                || map.getType(0).isPrimitive()
                || !map.getType(0).isRepetition(Repetition.REPEATED)) {
            throw unsupported(map, "a MAP group must hold exactly one repeated group");
        }
        GroupType keyValue = map.getType(0).asGroupType();
        if (keyValue.getFieldCount() < 1 || keyValue.getFieldCount() > 2) {
            throw unsupported(map, "the key-value group of a MAP must hold a key and a value");
        }
        return keyValue;
    }

    private static DataType primitiveType(PrimitiveType type) {
        LogicalTypeAnnotation annotation = type.getLogicalTypeAnnotation();
        if (annotation instanceof DecimalLogicalTypeAnnotation decimal) {
            return new DecimalType(decimal.getPrecision(), decimal.getScale());
        }
        switch (type.getPrimitiveTypeName()) {
            case BOOLEAN:
                return DataTypes.BooleanType;
            case INT32:
                if (annotation == null) {
                    return DataTypes.IntegerType;
                }
                if (annotation instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
                    return DataTypes.DateType;
                }
                if (annotation instanceof IntLogicalTypeAnnotation ints) {
                    if (!ints.isSigned()) {
                        return ints.getBitWidth() == 32 ? DataTypes.LongType : DataTypes.IntegerType;
                    }
                    return switch (ints.getBitWidth()) {
                        case 8 -> DataTypes.ByteType;
                        case 16 -> DataTypes.ShortType;
                        default -> DataTypes.IntegerType;
                    };
                }
                break;
            case INT64:
                if (annotation == null) {
                    return DataTypes.LongType;
                }
                if (annotation instanceof TimestampLogicalTypeAnnotation timestamp) {
                    return timestamp.isAdjustedToUTC() ? DataTypes.TimestampType : DataTypes.TimestampNTZType;
                }
                if (annotation instanceof IntLogicalTypeAnnotation ints) {
                    return ints.isSigned() ? DataTypes.LongType : new DecimalType(20, 0);
                }
                break;
            case INT96:
                return DataTypes.TimestampType;
            case FLOAT:
                return DataTypes.FloatType;
            case DOUBLE:
                return DataTypes.DoubleType;
            case BINARY:
                if (annotation instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                        || annotation instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
                        || annotation instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation) {
                    return DataTypes.StringType;
                }
                if (annotation == null || annotation instanceof LogicalTypeAnnotation.BsonLogicalTypeAnnotation) {
                    return DataTypes.BinaryType;
                }
                break;
            case FIXED_LEN_BYTE_ARRAY:
                if (annotation == null || annotation instanceof LogicalTypeAnnotation.UUIDLogicalTypeAnnotation) {
                    return DataTypes.BinaryType;
                }
                break;
            default:
                break;
        }
        throw unsupported(type, "its type is not supported");
    }

    /** The unit of a timestamp column, or null when the column is no TIMESTAMP. */
    static TimeUnit timestampUnit(PrimitiveType type) {
        return type.getLogicalTypeAnnotation() instanceof TimestampLogicalTypeAnnotation timestamp
                ? timestamp.getUnit()
                : null;
    }

    private static EmberException unsupported(Type type, String why) {
        return new EmberException(
                ErrorClass.UNSUPPORTED_FEATURE,
                "The Parquet column " + type.getName() + " (" + type.toString().trim() + ") cannot be read: " + why);
    }

    // ---------------------------------------------------------------- Ember to Parquet

    /** The Parquet schema Ember writes for {@code schema}: Spark's choices of physical and logical types. */
    static MessageType toMessage(StructType schema) {
        List<Type> fields = new ArrayList<>(schema.size());
        for (StructField field : schema.fields()) {
            fields.add(toParquet(
                    field.name(), field.dataType(), field.nullable() ? Repetition.OPTIONAL : Repetition.REQUIRED));
        }
        return new MessageType(MESSAGE_NAME, fields);
    }

    /** The most digits a decimal stored in an INT32 has. */
    static final int MAX_INT_DIGITS = 9;

    /** The bytes of a FIXED_LEN_BYTE_ARRAY that hold every unscaled value of {@code precision} digits. */
    static int bytesForPrecision(int precision) {
        int bytes = 1;
        while (Math.pow(2.0, 8 * bytes - 1) < Math.pow(10.0, precision)) {
            bytes++;
        }
        return bytes;
    }

    static Type toParquet(String name, DataType type, Repetition repetition) {
        if (type instanceof BooleanType) {
            return Types.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(name);
        }
        if (type instanceof ByteType) {
            return Types.primitive(PrimitiveTypeName.INT32, repetition)
                    .as(LogicalTypeAnnotation.intType(8, true))
                    .named(name);
        }
        if (type instanceof ShortType) {
            return Types.primitive(PrimitiveTypeName.INT32, repetition)
                    .as(LogicalTypeAnnotation.intType(16, true))
                    .named(name);
        }
        if (type instanceof IntegerType) {
            return Types.primitive(PrimitiveTypeName.INT32, repetition).named(name);
        }
        if (type instanceof LongType) {
            return Types.primitive(PrimitiveTypeName.INT64, repetition).named(name);
        }
        if (type instanceof FloatType) {
            return Types.primitive(PrimitiveTypeName.FLOAT, repetition).named(name);
        }
        if (type instanceof DoubleType) {
            return Types.primitive(PrimitiveTypeName.DOUBLE, repetition).named(name);
        }
        if (type instanceof StringType) {
            return Types.primitive(PrimitiveTypeName.BINARY, repetition)
                    .as(LogicalTypeAnnotation.stringType())
                    .named(name);
        }
        if (type instanceof BinaryType) {
            return Types.primitive(PrimitiveTypeName.BINARY, repetition).named(name);
        }
        if (type instanceof DateType) {
            return Types.primitive(PrimitiveTypeName.INT32, repetition)
                    .as(LogicalTypeAnnotation.dateType())
                    .named(name);
        }
        if (type instanceof TimestampType || type instanceof TimestampNTZType) {
            return Types.primitive(PrimitiveTypeName.INT64, repetition)
                    .as(LogicalTypeAnnotation.timestampType(type instanceof TimestampType, TimeUnit.MICROS))
                    .named(name);
        }
        if (type instanceof DecimalType decimal) {
            LogicalTypeAnnotation annotation = LogicalTypeAnnotation.decimalType(decimal.scale(), decimal.precision());
            if (decimal.precision() <= MAX_INT_DIGITS) {
                return Types.primitive(PrimitiveTypeName.INT32, repetition)
                        .as(annotation)
                        .named(name);
            }
            if (decimal.fitsInLong()) {
                return Types.primitive(PrimitiveTypeName.INT64, repetition)
                        .as(annotation)
                        .named(name);
            }
            return Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition)
                    .length(bytesForPrecision(decimal.precision()))
                    .as(annotation)
                    .named(name);
        }
        if (type instanceof ArrayType array) {
            Type element = toParquet(
                    "element", array.elementType(), array.containsNull() ? Repetition.OPTIONAL : Repetition.REQUIRED);
            return Types.buildGroup(repetition)
                    .as(LogicalTypeAnnotation.listType())
                    .addField(Types.repeatedGroup().addField(element).named("list"))
                    .named(name);
        }
        if (type instanceof MapType map) {
            Type key = toParquet("key", map.keyType(), Repetition.REQUIRED);
            Type value = toParquet(
                    "value", map.valueType(), map.valueContainsNull() ? Repetition.OPTIONAL : Repetition.REQUIRED);
            return Types.buildGroup(repetition)
                    .as(LogicalTypeAnnotation.mapType())
                    .addField(
                            Types.repeatedGroup().addField(key).addField(value).named("key_value"))
                    .named(name);
        }
        if (type instanceof StructType struct) {
            if (struct.size() == 0) {
                throw new EmberException(
                        ErrorClass.UNSUPPORTED_FEATURE,
                        "Parquet cannot write the column " + name + " of an empty struct type");
            }
            List<Type> fields = new ArrayList<>(struct.size());
            for (StructField field : struct.fields()) {
                fields.add(toParquet(
                        field.name(), field.dataType(), field.nullable() ? Repetition.OPTIONAL : Repetition.REQUIRED));
            }
            return new GroupType(repetition, name, fields);
        }
        throw new EmberException(
                ErrorClass.UNSUPPORTED_FEATURE,
                "The Parquet data source does not support writing the column " + name + " of type "
                        + type.simpleString());
    }

    // ---------------------------------------------------------------- what a query reads

    /**
     * The field of {@code group} called {@code name}: the one spelled exactly so, else the only one spelled so in
     * another case; null if none is.
     */
    static Type findField(GroupType group, String name) {
        if (group.containsField(name)) {
            return group.getType(name);
        }
        Type found = null;
        String wanted = name.toLowerCase(Locale.ROOT);
        for (Type field : group.getFields()) {
            if (field.getName().toLowerCase(Locale.ROOT).equals(wanted)) {
                if (found != null) {
                    throw new EmberException(
                            ErrorClass.INVALID_SQL,
                            "The column " + name + " matches more than one Parquet field when case is ignored: "
                                    + found.getName() + ", " + field.getName());
                }
                found = field;
            }
        }
        return found;
    }

    /**
     * The part of the file field {@code field} that reading it as {@code type} needs: for structs only the fields the
     * type names (in the type's order), recursively through lists and maps. Null when nothing of it is needed (a
     * struct none of whose wanted fields the file has), in which case the value reads as null.
     */
    static Type clip(Type field, DataType type) {
        if (field.isPrimitive()) {
            return field;
        }
        GroupType group = field.asGroupType();
        DataType valueType =
                field.isRepetition(Repetition.REPEATED) && type instanceof ArrayType array ? array.elementType() : type;
        LogicalTypeAnnotation annotation = group.getLogicalTypeAnnotation();
        if (annotation instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation && valueType instanceof ArrayType) {
            DataType elementType = ((ArrayType) valueType).elementType();
            Type repeated = listRepeated(group);
            Type clipped;
            if (isTwoLevelList(group)) {
                clipped = clip(repeated, new ArrayType(elementType, false));
            } else {
                GroupType wrapper = repeated.asGroupType();
                Type element = clip(wrapper.getType(0), elementType);
                clipped = element == null ? null : wrapper.withNewFields(element);
            }
            return clipped == null ? null : group.withNewFields(clipped);
        }
        if ((annotation instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
                        || annotation instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation)
                && valueType instanceof MapType map) {
            GroupType keyValue = mapKeyValue(group);
            List<Type> parts = new ArrayList<>(2);
            parts.add(keyValue.getType(0));
            if (keyValue.getFieldCount() > 1) {
                Type value = clip(keyValue.getType(1), map.valueType());
                parts.add(value == null ? keyValue.getType(1) : value);
            }
            return group.withNewFields(keyValue.withNewFields(parts));
        }
        if (valueType instanceof StructType struct && annotation == null) {
            List<Type> kept = new ArrayList<>();
            for (StructField wanted : struct.fields()) {
                Type member = findField(group, wanted.name());
                if (member != null) {
                    Type clipped = clip(member, wanted.dataType());
                    if (clipped != null && !kept.contains(clipped)) {
                        kept.add(clipped);
                    }
                }
            }
            return kept.isEmpty() ? null : group.withNewFields(kept);
        }
        return field;
    }
}
