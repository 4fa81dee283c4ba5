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
        DataType type = left.dataType();
        boolean constantRight = right instanceof Constant;
        int size = batch.size();
        int[] selection = batch.selection();
        // The operator's answer for "less", "equal" and "greater" as bits 0, 1 and 2: a row's answer is the bit of its
        // order (-1, 0 or 1) plus one, without deciding per row which operator this is.
        int answers = (op.test(-1) ? 1 : 0) | (op.test(0) ? 2 : 0) | (op.test(1) ? 4 : 0);
        // The values first, a loop per kind (the value of a null row is whatever its slot holds), then the nulls.
        if (type instanceof IntegerType || type instanceof DateType) {
            for (int k = 0; k < size; k++) {
                int row = selection == null ? k : selection[k];
                int order = Integer.signum(Integer.compare(l.getInt(row), r.getInt(constantRight ? 0 : row)));
                result.set(row, ((answers >>> (order + 1)) & 1) != 0);
            }
        } else if (type instanceof DoubleType) {
            for (int k = 0; k < size; k++) {
                int row = selection == null ? k : selection[k];
                double a = l.getDouble(row);
                double b = r.getDouble(constantRight ? 0 : row);
                int order = a == b ? 0 : Integer.signum(Double.compare(a, b));
                result.set(row, ((answers >>> (order + 1)) & 1) != 0);
            }
        } else if (type instanceof StringType) {
            BytesVector a = (BytesVector) l;
            BytesVector b = (BytesVector) r;
            boolean equality = op == Comparison.Op.EQUAL || op == Comparison.Op.NULL_SAFE_EQUAL;
            if (equality || op == Comparison.Op.NOT_EQUAL) {
                // Equal bytes need equal lengths: most unequal strings differ there, without reading a byte.
                for (int k = 0; k < size; k++) {
                    int row = selection == null ? k : selection[k];
                    result.set(row, a.equals(row, b, constantRight ? 0 : row) == equality);
                }
            } else {
                for (int k = 0; k < size; k++) {
                    int row = selection == null ? k : selection[k];
                    int order = Integer.signum(a.compare(row, b, constantRight ? 0 : row));
                    result.set(row, ((answers >>> (order + 1)) & 1) != 0);
                }
            }
        } else {
            for (int k = 0; k < size; k++) {
                int row = selection == null ? k : selection[k];
                int order = Integer.signum(Long.compare(l.getLong(row), r.getLong(constantRight ? 0 : row)));
                result.set(row, ((answers >>> (order + 1)) & 1) != 0);
            }
        }
        if (l.mayHaveNulls() || r.mayHaveNulls()) {
            for (int k = 0; k < size; k++) {
                int row = selection == null ? k : selection[k];
                boolean leftNull = l.isNull(row);
                boolean rightNull = r.isNull(constantRight ? 0 : row);
                if (leftNull || rightNull) {
                    if (op == Comparison.Op.NULL_SAFE_EQUAL) {
                        result.set(row, leftNull && rightNull);
                    } else {
                        result.setNull(row);
                    }
                }
            }
        }
        return result;
    }
}
