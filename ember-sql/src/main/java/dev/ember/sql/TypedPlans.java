package dev.ember.sql;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.Alias;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.AttributeReference;
import dev.ember.sql.expressions.Cast;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.NamedExpression;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Project;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.Identifiers;
import dev.ember.sql.types.StructField;
import dev.ember.sql.types.StructType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The plans and row functions behind the typed operations. */
final class TypedPlans {
    private TypedPlans() {}

    /** Fresh columns for an encoder's schema. */
    static List<Attribute> attributes(StructType schema) {
        List<Attribute> attributes = new ArrayList<>();
        for (StructField field : schema) {
            attributes.add(AttributeReference.create(field.name(), field.dataType(), field.nullable()));
        }
        return attributes;
    }

    static <T> Iterator<T> decode(Iterator<Object[]> rows, Encoder<T> encoder) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public T next() {
                return encoder.fromRow(rows.next());
            }
        };
    }

    static <U> Iterator<Object[]> encode(Iterator<U> values, Encoder<U> encoder) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return values.hasNext();
            }

            @Override
            public Object[] next() {
                U value = values.next();
                if (value == null && encoder.isStruct()) {
                    throw new EmberException(
                            ErrorClass.INVALID_ARGUMENT,
                            "A typed function returned null, which " + encoder + " cannot encode as a row");
                }
                return encoder.toRow(value);
            }
        };
    }

    /** {@code plan}'s columns bound to the encoder's fields, by name (by position for a single value). */
    static LogicalPlan bind(LogicalPlan plan, Encoder<?> encoder) {
        List<Attribute> input = plan.output();
        StructType schema = encoder.schema();
        List<NamedExpression> projection = new ArrayList<>();
        if (!encoder.isStruct()) {
            if (input.size() != 1) {
                throw new EmberException(
                        ErrorClass.INVALID_ARGUMENT,
                        "Cannot read values of " + encoder + " from " + input.size() + " columns " + Tables.names(input)
                                + "; select the one column first");
            }
            projection.add(Alias.of(
                    upCast(input.get(0), schema.field(0).dataType()),
                    schema.field(0).name()));
            return new Project(projection, plan);
        }
        for (StructField field : schema) {
            Attribute source = null;
            for (Attribute attribute : input) {
                if (Identifiers.normalize(attribute.name()).equals(Identifiers.normalize(field.name()))) {
                    source = attribute;
                }
            }
            if (source == null) {
                throw new EmberException(
                        ErrorClass.UNRESOLVED_COLUMN,
                        "Cannot read " + encoder + ": there is no column " + Identifiers.quote(field.name()) + " among "
                                + Tables.names(input));
            }
            projection.add(Alias.of(upCast(source, field.dataType()), field.name()));
        }
        return new Project(projection, plan);
    }

    private static Expression upCast(Attribute source, DataType target) {
        DataType from = source.dataType();
        if (from.equals(target)) {
            return source;
        }
        String problem = upCastProblem(from, target);
        if (problem != null) {
            throw new EmberException(
                    ErrorClass.DATATYPE_MISMATCH,
                    "Cannot up cast " + Identifiers.quote(source.name()) + " from " + from.simpleString() + " to "
                            + target.simpleString() + ": " + problem + "; cast it in a select first");
        }
        return new Cast(source, target);
    }

    /** Why values of {@code from} may not become {@code to} without loss, or null if they can. */
    private static String upCastProblem(DataType from, DataType to) {
        if (from.equals(to) || from instanceof dev.ember.sql.types.NullType) {
            return null;
        }
        if (from.isNumeric() && to.isNumeric()) {
            return rank(from) <= rank(to) ? null : "it may lose data";
        }
        if (to instanceof dev.ember.sql.types.StringType) {
            return from instanceof dev.ember.sql.types.ArrayType
                            || from instanceof dev.ember.sql.types.MapType
                            || from instanceof StructType
                    ? "a collection is not a string"
                    : null;
        }
        if (from instanceof dev.ember.sql.types.DateType
                && (to instanceof dev.ember.sql.types.TimestampType
                        || to instanceof dev.ember.sql.types.TimestampNTZType)) {
            return null;
        }
        if (from instanceof dev.ember.sql.types.ArrayType a && to instanceof dev.ember.sql.types.ArrayType b) {
            return upCastProblem(a.elementType(), b.elementType());
        }
        if (from instanceof dev.ember.sql.types.MapType a && to instanceof dev.ember.sql.types.MapType b) {
            String key = upCastProblem(a.keyType(), b.keyType());
            return key != null ? key : upCastProblem(a.valueType(), b.valueType());
        }
        if (from instanceof StructType a && to instanceof StructType b) {
            if (a.size() != b.size()) {
                return "the structs have " + a.size() + " and " + b.size() + " fields";
            }
            for (int i = 0; i < a.size(); i++) {
                if (!Identifiers.normalize(a.field(i).name())
                        .equals(Identifiers.normalize(b.field(i).name()))) {
                    return "a nested struct's fields are bound in order, and field " + (i + 1) + " is "
                            + a.field(i).name() + ", not " + b.field(i).name();
                }
                String field = upCastProblem(a.field(i).dataType(), b.field(i).dataType());
                if (field != null) {
                    return field;
                }
            }
            return null;
        }
        return "the types do not convert";
    }

    private static int rank(DataType type) {
        return switch (type.simpleString()) {
            case "tinyint" -> 1;
            case "smallint" -> 2;
            case "int" -> 3;
            case "bigint" -> 4;
            case "float" -> 6;
            case "double" -> 7;
            default -> 5; // decimals: between the integers and the floating points
        };
    }
}
