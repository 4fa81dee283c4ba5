package dev.ember.sql.execution.eval;

import dev.ember.sql.expressions.Comparison;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.DateType;
import dev.ember.sql.types.DecimalType;
import dev.ember.sql.types.DoubleType;
import dev.ember.sql.types.IntegerType;
import dev.ember.sql.types.LongType;
import dev.ember.sql.types.StringType;
import dev.ember.sql.types.TimestampNTZType;
import dev.ember.sql.types.TimestampType;
import dev.ember.sql.vector.BooleanVector;
import dev.ember.sql.vector.BytesVector;
import dev.ember.sql.vector.ColumnBatch;
import dev.ember.sql.vector.ColumnVector;

/**
 * A comparison of two int-held (int, date), long-held (bigint, timestamps, decimals up to 18 digits of the same scale),
 * double or string columns, in one loop without boxing. Doubles compare as SQL does: NaN equals NaN and is greater
 * than every other value; -0.0 equals 0.0. Strings compare by their UTF-8 bytes.
 */
record PrimitiveComparison(Comparison.Op op, VectorExpression left, VectorExpression right)
        implements VectorExpression {
    static boolean supports(Comparison comparison) {
        DataType type = comparison.left().dataType();
        if (!type.equals(comparison.right().dataType())) {
            return false;
        }
        return type instanceof IntegerType
                || type instanceof DateType
                || type instanceof LongType
                || type instanceof TimestampType
                || type instanceof TimestampNTZType
                || type instanceof DoubleType
                || type instanceof StringType
                || (type instanceof DecimalType decimal && decimal.fitsInLong());
    }

    @Override
    public DataType dataType() {
        return DataTypes.BooleanType;
    }

    @Override
    public ColumnVector evaluate(ColumnBatch batch) {
        ColumnVector l = left.evaluate(batch);
        ColumnVector r = right.evaluate(batch);
        BooleanVector result = new BooleanVector(Math.max(1, batch.numRows()));
        boolean nullable = l.mayHaveNulls() || r.mayHaveNulls();
        DataType type = left.dataType();
        boolean constantRight = right instanceof Constant;
        for (int k = 0, size = batch.size(); k < size; k++) {
            int row = batch.row(k);
            int rightRow = constantRight ? 0 : row;
            boolean leftNull = nullable && l.isNull(row);
            boolean rightNull = nullable && r.isNull(rightRow);
            if (leftNull || rightNull) {
                if (op == Comparison.Op.NULL_SAFE_EQUAL) {
                    result.set(row, leftNull && rightNull);
                } else {
                    result.setNull(row);
                }
                continue;
            }
            int order;
            if (type instanceof IntegerType || type instanceof DateType) {
                order = Integer.compare(l.getInt(row), r.getInt(rightRow));
            } else if (type instanceof DoubleType) {
                double a = l.getDouble(row);
                double b = r.getDouble(rightRow);
                order = a == b ? 0 : Double.compare(a, b);
            } else if (type instanceof StringType) {
                order = ((BytesVector) l).compare(row, (BytesVector) r, rightRow);
            } else {
                order = Long.compare(l.getLong(row), r.getLong(rightRow));
            }
            result.set(row, op.test(order));
        }
        return result;
    }
}
