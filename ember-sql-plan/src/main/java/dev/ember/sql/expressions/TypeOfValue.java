package dev.ember.sql.expressions;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.DecimalType;
import java.math.BigDecimal;

/** The SQL type of a plain Java value, for literals made from Java values. */
final class TypeOfValue {
    private TypeOfValue() {}

    static DataType of(Object value) {
        if (value instanceof Boolean) {
            return DataTypes.BooleanType;
        }
        if (value instanceof Byte) {
            return DataTypes.ByteType;
        }
        if (value instanceof Short) {
            return DataTypes.ShortType;
        }
        if (value instanceof Integer) {
            return DataTypes.IntegerType;
        }
        if (value instanceof Long) {
            return DataTypes.LongType;
        }
        if (value instanceof Float) {
            return DataTypes.FloatType;
        }
        if (value instanceof Double) {
            return DataTypes.DoubleType;
        }
        if (value instanceof String) {
            return DataTypes.StringType;
        }
        if (value instanceof byte[]) {
            return DataTypes.BinaryType;
        }
        if (value instanceof BigDecimal decimal) {
            return new DecimalType(Math.max(decimal.precision(), decimal.scale()), decimal.scale());
        }
        throw new EmberException(
                ErrorClass.DATATYPE_MISMATCH,
                "A literal cannot be made of a " + value.getClass().getName()
                        + "; use a boolean, number, string, byte[] or BigDecimal, or a typed literal");
    }
}
