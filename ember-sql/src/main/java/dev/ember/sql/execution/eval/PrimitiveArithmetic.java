package dev.ember.sql.execution.eval;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.Arithmetic;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DoubleType;
import dev.ember.sql.types.IntegerType;
import dev.ember.sql.types.LongType;
import dev.ember.sql.vector.ColumnBatch;
import dev.ember.sql.vector.ColumnVector;
import dev.ember.sql.vector.DoubleVector;
import dev.ember.sql.vector.IntVector;
import dev.ember.sql.vector.LongVector;

/**
 * {@code +}, {@code -}, {@code *} and {@code /} on int, bigint and double columns of one type, in one loop without
 * boxing; an integer overflow or a division by zero fails as the row-at-a-time semantics do (or, for the {@code try_}
 * forms, gives null).
 */
record PrimitiveArithmetic(Arithmetic expression, VectorExpression left, VectorExpression right)
        implements VectorExpression {
    static boolean supports(Arithmetic arithmetic) {
        DataType type = arithmetic.left().dataType();
        if (!type.equals(arithmetic.right().dataType()) || !type.equals(arithmetic.dataType())) {
            return false;
        }
        return switch (arithmetic.op()) {
            case ADD, SUBTRACT, MULTIPLY ->
                type instanceof IntegerType || type instanceof LongType || type instanceof DoubleType;
            case DIVIDE -> type instanceof DoubleType;
            default -> false;
        };
    }

    @Override
    public DataType dataType() {
        return expression.dataType();
    }

    @Override
    public ColumnVector evaluate(ColumnBatch batch) {
        ColumnVector l = left.evaluate(batch);
        ColumnVector r = right.evaluate(batch);
        int capacity = Math.max(1, batch.numRows());
        boolean nullable = l.mayHaveNulls() || r.mayHaveNulls();
        int rightStride = right instanceof Constant ? 0 : 1;
        DataType type = dataType();
        Arithmetic.Op op = expression.op();
        if (type instanceof DoubleType) {
            DoubleVector result = new DoubleVector(capacity);
            for (int k = 0, size = batch.size(); k < size; k++) {
                int row = batch.row(k);
                int rightRow = row * rightStride;
                if (nullable && (l.isNull(row) || r.isNull(rightRow))) {
                    result.setNull(row);
                    continue;
                }
                double a = l.getDouble(row);
                double b = r.getDouble(rightRow);
                switch (op) {
                    case ADD -> result.set(row, a + b);
                    case SUBTRACT -> result.set(row, a - b);
                    case MULTIPLY -> result.set(row, a * b);
                    default -> {
                        if (b == 0) {
                            if (!expression.failOnError()) {
                                result.setNull(row);
                                continue;
                            }
                            throw divideByZero();
                        }
                        result.set(row, a / b);
                    }
                }
            }
            return result;
        }
        if (type instanceof LongType) {
            LongVector result = new LongVector(type, capacity);
            for (int k = 0, size = batch.size(); k < size; k++) {
                int row = batch.row(k);
                int rightRow = row * rightStride;
                if (nullable && (l.isNull(row) || r.isNull(rightRow))) {
                    result.setNull(row);
                    continue;
                }
                long a = l.getLong(row);
                long b = r.getLong(rightRow);
                try {
                    result.set(
                            row,
                            switch (op) {
                                case ADD -> Math.addExact(a, b);
                                case SUBTRACT -> Math.subtractExact(a, b);
                                default -> Math.multiplyExact(a, b);
                            });
                } catch (ArithmeticException e) {
                    if (!expression.failOnError()) {
                        result.setNull(row);
                        continue;
                    }
                    throw overflow();
                }
            }
            return result;
        }
        IntVector result = new IntVector(type, capacity);
        for (int k = 0, size = batch.size(); k < size; k++) {
            int row = batch.row(k);
            int rightRow = row * rightStride;
            if (nullable && (l.isNull(row) || r.isNull(rightRow))) {
                result.setNull(row);
                continue;
            }
            int a = l.getInt(row);
            int b = r.getInt(rightRow);
            try {
                result.set(
                        row,
                        switch (op) {
                            case ADD -> Math.addExact(a, b);
                            case SUBTRACT -> Math.subtractExact(a, b);
                            default -> Math.multiplyExact(a, b);
                        });
            } catch (ArithmeticException e) {
                if (!expression.failOnError()) {
                    result.setNull(row);
                    continue;
                }
                throw overflow();
            }
        }
        return result;
    }

    private EmberException overflow() {
        return new EmberException(
                ErrorClass.ARITHMETIC_OVERFLOW,
                "The value of " + expression.sql() + " is out of the range of "
                        + dataType().sql()
                        + ". Use a wider type (a cast to BIGINT or DECIMAL), or try_add/try_multiply to get null");
    }

    private EmberException divideByZero() {
        return new EmberException(
                ErrorClass.DIVIDE_BY_ZERO,
                "Division by zero in " + expression.sql() + ". Use try_divide to get null instead");
    }
}
