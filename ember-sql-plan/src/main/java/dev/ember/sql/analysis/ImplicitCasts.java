package dev.ember.sql.analysis;

import dev.ember.sql.expressions.Cast;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.DateType;
import dev.ember.sql.types.DecimalType;
import dev.ember.sql.types.DoubleType;
import dev.ember.sql.types.FloatType;
import dev.ember.sql.types.NullType;
import dev.ember.sql.types.StringType;
import dev.ember.sql.types.TimestampType;
import java.util.Optional;

/** The implicit casts of ANSI mode: the type two values are compared or combined in, and casts to a wanted type. */
public final class ImplicitCasts {
    private ImplicitCasts() {}

    /** The type {@code from} implicitly casts to when {@code wanted} is asked for, if it does. */
    public static Optional<DataType> implicitCast(DataType from, DataType wanted) {
        if (from.equals(wanted) || from instanceof NullType) {
            return Optional.of(wanted);
        }
        if (from.isNumeric() && wanted.isNumeric()) {
            return widerType(from, wanted).filter(wanted::equals).or(() -> Optional.of(wanted));
        }
        if (from instanceof StringType && !(wanted instanceof StringType)) {
            return Optional.of(wanted);
        }
        if (from instanceof DateType && wanted instanceof TimestampType) {
            return Optional.of(wanted);
        }
        return Optional.empty();
    }

    /** The tightest type both {@code a} and {@code b} widen to, if there is one. */
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
            return Optional.of(widerNumeric(a, b));
        }
        if (a instanceof StringType && isAtomic(b)) {
            return Optional.of(b);
        }
        if (b instanceof StringType && isAtomic(a)) {
            return Optional.of(a);
        }
        if (a instanceof DateType && b instanceof TimestampType
                || a instanceof TimestampType && b instanceof DateType) {
            return Optional.of(DataTypes.TimestampType);
        }
        return Optional.empty();
    }

    private static boolean isAtomic(DataType type) {
        return !(type instanceof dev.ember.sql.types.ArrayType
                || type instanceof dev.ember.sql.types.MapType
                || type instanceof dev.ember.sql.types.StructType);
    }

    private static DataType widerNumeric(DataType a, DataType b) {
        if (a instanceof DoubleType || b instanceof DoubleType) {
            return DataTypes.DoubleType;
        }
        if (a instanceof FloatType || b instanceof FloatType) {
            return a instanceof DecimalType || b instanceof DecimalType ? DataTypes.DoubleType : DataTypes.FloatType;
        }
        if (a instanceof DecimalType || b instanceof DecimalType) {
            DecimalType x = a instanceof DecimalType d ? d : DecimalType.forIntegral(a);
            DecimalType y = b instanceof DecimalType d ? d : DecimalType.forIntegral(b);
            int scale = Math.max(x.scale(), y.scale());
            int integral = Math.max(x.precision() - x.scale(), y.precision() - y.scale());
            return DecimalType.bounded(integral + scale, scale);
        }
        return rank(a) >= rank(b) ? a : b;
    }

    private static int rank(DataType type) {
        if (type instanceof dev.ember.sql.types.ByteType) {
            return 1;
        }
        if (type instanceof dev.ember.sql.types.ShortType) {
            return 2;
        }
        if (type instanceof dev.ember.sql.types.IntegerType) {
            return 3;
        }
        return 4;
    }

    /** {@code expression} cast to {@code type}, or itself when it has that type already. */
    public static Expression castIfNeeded(Expression expression, DataType type, String timeZone) {
        return expression.dataType().equals(type) ? expression : new Cast(expression, type, false, timeZone);
    }
}
