package dev.ember.sql.analysis;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.Cast;
import dev.ember.sql.expressions.Casts;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.ScalarFunction;
import dev.ember.sql.types.ArrayType;
import dev.ember.sql.types.ByteType;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.DateType;
import dev.ember.sql.types.DayTimeIntervalType;
import dev.ember.sql.types.DecimalType;
import dev.ember.sql.types.DoubleType;
import dev.ember.sql.types.FloatType;
import dev.ember.sql.types.IntegerType;
import dev.ember.sql.types.LongType;
import dev.ember.sql.types.MapType;
import dev.ember.sql.types.NullType;
import dev.ember.sql.types.ShortType;
import dev.ember.sql.types.StringType;
import dev.ember.sql.types.StructField;
import dev.ember.sql.types.StructType;
import dev.ember.sql.types.TimestampNTZType;
import dev.ember.sql.types.TimestampType;
import dev.ember.sql.types.YearMonthIntervalType;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The implicit casts of ANSI mode, as Spark's ANSI type coercion defines them, for function builders and the
 * analyzer's type coercion.
 *
 * <ul>
 *   <li>{@link #implicitCast}: whether a value of one type may silently become the type a function takes. Numbers
 *       widen (tinyint, smallint, int, bigint, then float and double; an integral becomes a decimal wide enough for
 *       all its values; a decimal becomes a wider decimal or a float or double, never an integral); a string becomes
 *       any atomic type; any atomic type becomes a string; a date becomes a timestamp and a timestamp a date (the
 *       date functions take timestamps); void becomes anything; arrays and maps convert element by element.
 *   <li>{@link #widerType}: the tightest type two types both become, for CASE, COALESCE, IN, set operations and
 *       comparisons. A string with an integral gives bigint, with a decimal or a floating type double, with any other
 *       atomic type that type; a date with a timestamp gives the timestamp; decimals widen to hold both sides'
 *       integral digits and scale, at most 38 digits.
 * </ul>
 */
public final class ImplicitCasts {
    private ImplicitCasts() {}

    /** The type a value of {@code from} becomes where {@code wanted} is taken, or empty when no implicit cast exists. */
    public static Optional<DataType> implicitCast(DataType from, DataType wanted) {
        if (from.equals(wanted) || from instanceof NullType) {
            return Optional.of(wanted);
        }
        if (from.isNumeric() && wanted.isNumeric()) {
            return numericWidens(from, wanted) ? Optional.of(wanted) : Optional.empty();
        }
        if (from instanceof StringType) {
            return isAtomic(wanted) ? Optional.of(wanted) : Optional.empty();
        }
        if (wanted instanceof StringType) {
            return isAtomic(from) ? Optional.of(wanted) : Optional.empty();
        }
        if (from instanceof DateType && (wanted instanceof TimestampType || wanted instanceof TimestampNTZType)) {
            return Optional.of(wanted);
        }
        if ((from instanceof TimestampType || from instanceof TimestampNTZType)
                && (wanted instanceof DateType || wanted instanceof TimestampType)) {
            return Optional.of(wanted);
        }
        if (from instanceof ArrayType a && wanted instanceof ArrayType w) {
            if (a.elementType() instanceof NullType) {
                return Optional.of(wanted);
            }
            return implicitCast(a.elementType(), w.elementType())
                    .map(element -> new ArrayType(element, a.containsNull() || w.containsNull()));
        }
        if (from instanceof MapType a && wanted instanceof MapType w) {
            Optional<DataType> key = implicitCast(a.keyType(), w.keyType());
            Optional<DataType> value = implicitCast(a.valueType(), w.valueType());
            if (key.isPresent() && value.isPresent()) {
                return Optional.of(new MapType(key.get(), value.get(), a.valueContainsNull() || w.valueContainsNull()));
            }
        }
        return Optional.empty();
    }

    /** Whether a number of type {@code from} may silently become {@code to}: a widening that loses no range. */
    private static boolean numericWidens(DataType from, DataType to) {
        if (to instanceof DecimalType decimal) {
            if (from instanceof DecimalType source) {
                return decimal.precision() - decimal.scale() >= source.precision() - source.scale()
                        && decimal.scale() >= source.scale();
            }
            if (from.isIntegral()) {
                DecimalType needed = DecimalType.forIntegral(from);
                return decimal.precision() - decimal.scale() >= needed.precision();
            }
            return false;
        }
        if (from instanceof DecimalType) {
            return to instanceof FloatType || to instanceof DoubleType;
        }
        return rank(from) <= rank(to);
    }

    /** The place of a non-decimal number type in the widening order. */
    private static int rank(DataType type) {
        if (type instanceof ByteType) {
            return 0;
        }
        if (type instanceof ShortType) {
            return 1;
        }
        if (type instanceof IntegerType) {
            return 2;
        }
        if (type instanceof LongType) {
            return 3;
        }
        if (type instanceof FloatType) {
            return 4;
        }
        return 5;
    }

    /** Whether the type holds single values (neither an array, a map nor a struct). */
    public static boolean isAtomic(DataType type) {
        return !(type instanceof ArrayType || type instanceof MapType || type instanceof StructType);
    }

    /** The tightest type both {@code a} and {@code b} become, or empty when there is none. */
    public static Optional<DataType> widerType(DataType a, DataType b) {
        if (a.equals(b)) {
            return Optional.of(a);
        }
        if (a instanceof NullType) {
            return Optional.of(b);
        }
        if (b instanceof NullType) {
            return Optional.of(a);
        }
        if (a.isNumeric() && b.isNumeric()) {
            return Optional.of(widerNumber(a, b));
        }
        if (a instanceof DayTimeIntervalType x && b instanceof DayTimeIntervalType y) {
            return Optional.of(x.widen(y));
        }
        if (a instanceof YearMonthIntervalType x && b instanceof YearMonthIntervalType y) {
            return Optional.of(x.widen(y));
        }
        if (a instanceof StringType || b instanceof StringType) {
            DataType other = a instanceof StringType ? b : a;
            if (other.isIntegral()) {
                return Optional.of(DataTypes.LongType);
            }
            if (other.isNumeric()) {
                return Optional.of(DataTypes.DoubleType);
            }
            return isAtomic(other) ? Optional.of(other) : Optional.empty();
        }
        if (isDatetime(a) && isDatetime(b)) {
            if (a instanceof TimestampType || b instanceof TimestampType) {
                return Optional.of(DataTypes.TimestampType);
            }
            return Optional.of(DataTypes.TimestampNTZType);
        }
        if (a instanceof ArrayType x && b instanceof ArrayType y) {
            return widerType(x.elementType(), y.elementType())
                    .map(element -> new ArrayType(element, x.containsNull() || y.containsNull()));
        }
        if (a instanceof MapType x && b instanceof MapType y) {
            Optional<DataType> key = widerType(x.keyType(), y.keyType());
            Optional<DataType> value = widerType(x.valueType(), y.valueType());
            if (key.isPresent() && value.isPresent()) {
                return Optional.of(new MapType(key.get(), value.get(), x.valueContainsNull() || y.valueContainsNull()));
            }
            return Optional.empty();
        }
        if (a instanceof StructType x && b instanceof StructType y && x.size() == y.size()) {
            List<StructField> fields = new ArrayList<>();
            for (int i = 0; i < x.size(); i++) {
                StructField left = x.field(i);
                StructField right = y.field(i);
                if (!left.name().equalsIgnoreCase(right.name())) {
                    return Optional.empty();
                }
                Optional<DataType> field = widerType(left.dataType(), right.dataType());
                if (field.isEmpty()) {
                    return Optional.empty();
                }
                fields.add(new StructField(left.name(), field.get(), left.nullable() || right.nullable()));
            }
            return Optional.of(new StructType(fields));
        }
        return Optional.empty();
    }

    /** The wider type of all of {@code types}, or empty when two of them have none. */
    public static Optional<DataType> widerType(List<DataType> types) {
        DataType result = DataTypes.NullType;
        for (DataType type : types) {
            Optional<DataType> wider = widerType(result, type);
            if (wider.isEmpty()) {
                return Optional.empty();
            }
            result = wider.get();
        }
        return Optional.of(result);
    }

    private static boolean isDatetime(DataType type) {
        return type instanceof DateType || type instanceof TimestampType || type instanceof TimestampNTZType;
    }

    private static DataType widerNumber(DataType a, DataType b) {
        if (a instanceof DecimalType || b instanceof DecimalType) {
            if (a instanceof FloatType
                    || a instanceof DoubleType
                    || b instanceof FloatType
                    || b instanceof DoubleType) {
                return DataTypes.DoubleType;
            }
            DecimalType x = a instanceof DecimalType d ? d : DecimalType.forIntegral(a);
            DecimalType y = b instanceof DecimalType d ? d : DecimalType.forIntegral(b);
            return widerDecimal(x, y);
        }
        return rank(a) >= rank(b) ? a : b;
    }

    /** The decimal holding the integral digits and the scale of both, at most 38 digits (integral digits go first). */
    public static DecimalType widerDecimal(DecimalType x, DecimalType y) {
        int scale = Math.max(x.scale(), y.scale());
        int integral = Math.max(x.precision() - x.scale(), y.precision() - y.scale());
        int precision = Math.min(integral + scale, DecimalType.MAX_PRECISION);
        return new DecimalType(precision, Math.min(scale, precision));
    }

    /**
     * {@code expression} as {@code type}: itself when it has that type already (or a complex type differing only in
     * whether it may hold nulls), otherwise a {@link Cast} in {@code timeZone}. Arrays and maps whose elements need a
     * cast become a {@code cast} function converting element by element.
     */
    /**
     * The decimal an integer operand of decimal arithmetic becomes: the type that holds every value of its type, or,
     * for a literal, just its digits (as Spark does: {@code price / 100} divides by a {@code DECIMAL(3,0)}).
     */
    public static DecimalType decimalForOperand(Expression operand) {
        if (operand instanceof dev.ember.sql.expressions.Literal literal && literal.value() instanceof Number number) {
            int digits = java.math.BigDecimal.valueOf(number.longValue()).abs().precision();
            return new DecimalType(Math.max(1, digits), 0);
        }
        return DecimalType.forIntegral(operand.dataType());
    }

    public static Expression castIfNeeded(Expression expression, DataType type, String timeZone) {
        DataType from = expression.dataType();
        if (from.equals(type) || sameIgnoringNullability(from, type)) {
            return expression;
        }
        if (isAtomic(type) || from instanceof NullType) {
            return Cast.implicit(expression, type, timeZone);
        }
        ZoneId zone = ZoneId.of(timeZone);
        String where = "CAST(" + expression.sql() + " AS " + type.sql() + ")";
        return new ScalarFunction(
                "cast",
                List.of(expression),
                type,
                true,
                false,
                true,
                values -> convert(values[0], from, type, zone, where));
    }

    private static boolean sameIgnoringNullability(DataType a, DataType b) {
        if (a instanceof ArrayType x && b instanceof ArrayType y) {
            return sameIgnoringNullability(x.elementType(), y.elementType());
        }
        if (a instanceof MapType x && b instanceof MapType y) {
            return sameIgnoringNullability(x.keyType(), y.keyType())
                    && sameIgnoringNullability(x.valueType(), y.valueType());
        }
        if (a instanceof StructType x && b instanceof StructType y && x.size() == y.size()) {
            for (int i = 0; i < x.size(); i++) {
                if (!x.field(i).name().equals(y.field(i).name())
                        || !sameIgnoringNullability(
                                x.field(i).dataType(), y.field(i).dataType())) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    /** A non-null value of {@code from} converted to {@code to}, element by element for complex types. */
    private static Object convert(Object value, DataType from, DataType to, ZoneId zone, String where) {
        if (value == null || from.equals(to) || from instanceof NullType) {
            return from instanceof NullType ? null : value;
        }
        if (from instanceof ArrayType a && to instanceof ArrayType b) {
            List<Object> converted = new ArrayList<>();
            for (Object element : (List<?>) value) {
                converted.add(convert(element, a.elementType(), b.elementType(), zone, where));
            }
            return converted;
        }
        if (from instanceof MapType a && to instanceof MapType b) {
            Map<Object, Object> converted = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                converted.put(
                        convert(entry.getKey(), a.keyType(), b.keyType(), zone, where),
                        convert(entry.getValue(), a.valueType(), b.valueType(), zone, where));
            }
            return converted;
        }
        if (from instanceof StructType a && to instanceof StructType b && a.size() == b.size()) {
            Object[] fields = (Object[]) value;
            Object[] converted = new Object[fields.length];
            for (int i = 0; i < fields.length; i++) {
                converted[i] =
                        convert(fields[i], a.field(i).dataType(), b.field(i).dataType(), zone, where);
            }
            return converted;
        }
        if (isAtomic(from) && isAtomic(to) && Casts.canCast(from, to)) {
            return Casts.cast(value, from, to, zone, where);
        }
        throw new EmberException(
                ErrorClass.DATATYPE_MISMATCH, "Cannot cast " + from.sql() + " to " + to.sql() + " in " + where);
    }
}
