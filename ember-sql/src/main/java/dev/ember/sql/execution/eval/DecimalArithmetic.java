package dev.ember.sql.execution.eval;

import dev.ember.EmberException;
import dev.ember.sql.expressions.Arithmetic;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DecimalType;
import dev.ember.sql.vector.ColumnBatch;
import dev.ember.sql.vector.ColumnVector;
import dev.ember.sql.vector.LongVector;
import dev.ember.sql.vector.ObjectVector;
import java.math.BigDecimal;

/**
 * {@code +}, {@code -} and {@code *} on decimals, computed on unscaled longs while each operand is held as a long
 * (precision up to 18) or is a wide value of at most 18 digits, and the result fits a long: operands are brought to
 * a common scale by powers of ten, a product is rounded half up to the result's scale, and the result is checked
 * against the type's precision. A row whose result does not fit, or with an operand of more digits, takes the exact
 * {@link BigDecimal} path of the expression itself, so results, overflow errors and the {@code try_} forms' nulls are
 * those of the row-at-a-time semantics. The result type is computed once, not per row.
 */
record DecimalArithmetic(Arithmetic expression, DecimalType type, VectorExpression left, VectorExpression right)
        implements VectorExpression {
    private static final long[] POWERS = new long[19];

    static {
        POWERS[0] = 1;
        for (int i = 1; i < POWERS.length; i++) {
            POWERS[i] = POWERS[i - 1] * 10;
        }
    }

    static boolean supports(Arithmetic arithmetic) {
        return switch (arithmetic.op()) {
            case ADD, SUBTRACT, MULTIPLY ->
                arithmetic.left().dataType() instanceof DecimalType
                        && arithmetic.right().dataType() instanceof DecimalType
                        && arithmetic.dataType() instanceof DecimalType;
            default -> false;
        };
    }

    static DecimalArithmetic of(Arithmetic arithmetic, VectorExpression left, VectorExpression right) {
        return new DecimalArithmetic(arithmetic, (DecimalType) arithmetic.dataType(), left, right);
    }

    @Override
    public DataType dataType() {
        return type;
    }

    @Override
    public ColumnVector evaluate(ColumnBatch batch) {
        ColumnVector l = left.evaluate(batch);
        ColumnVector r = right.evaluate(batch);
        int capacity = Math.max(1, batch.numRows());
        LongVector longs = type.fitsInLong() ? new LongVector(type, capacity) : null;
        ObjectVector objects = longs == null ? new ObjectVector(type, capacity) : null;
        ColumnVector result = longs != null ? longs : objects;
        boolean leftLongs = l instanceof LongVector;
        boolean rightLongs = r instanceof LongVector;
        ObjectVector leftWide = leftLongs ? null : (ObjectVector) l;
        ObjectVector rightWide = rightLongs ? null : (ObjectVector) r;
        int leftScale = ((DecimalType) expression.left().dataType()).scale();
        int rightScale = ((DecimalType) expression.right().dataType()).scale();
        int scale = type.scale();
        long limit = type.precision() < 19 ? POWERS[type.precision()] : Long.MAX_VALUE;
        boolean nullable = l.mayHaveNulls() || r.mayHaveNulls();
        Arithmetic.Op op = expression.op();
        for (int k = 0, size = batch.size(); k < size; k++) {
            int row = batch.row(k);
            if (nullable && (l.isNull(row) || r.isNull(row))) {
                result.setNull(row);
                continue;
            }
            // A wide operand whose value has at most 18 digits takes the long path too: held as a long, or as a
            // BigDecimal of few digits.
            boolean leftLong = leftLongs || leftWide.isUnscaled(row);
            boolean rightLong = rightLongs || rightWide.isUnscaled(row);
            BigDecimal wideLeft = leftLong ? null : l.getDecimal(row);
            BigDecimal wideRight = rightLong ? null : r.getDecimal(row);
            if ((leftLong || wideLeft.precision() <= 18) && (rightLong || wideRight.precision() <= 18)) {
                long value = unscaled(
                        op,
                        leftLongs ? l.getLong(row) : leftLong ? leftWide.unscaledAt(row) : compact(wideLeft),
                        leftLong ? leftScale : wideLeft.scale(),
                        rightLongs ? r.getLong(row) : rightLong ? rightWide.unscaledAt(row) : compact(wideRight),
                        rightLong ? rightScale : wideRight.scale(),
                        scale);
                if (value != Long.MIN_VALUE && value > -limit && value < limit) {
                    if (longs != null) {
                        longs.set(row, value);
                    } else {
                        objects.setUnscaled(row, value);
                    }
                    continue;
                }
            }
            BigDecimal exact = exact(
                    wideLeft != null ? wideLeft : l.getDecimal(row), wideRight != null ? wideRight : r.getDecimal(row));
            if (exact == null) {
                result.setNull(row);
            } else {
                result.setObject(row, exact);
            }
        }
        return result;
    }

    /**
     * {@code a op b} as an unscaled long at {@code scale}, or {@link Long#MIN_VALUE} when it takes the exact path: an
     * intermediate overflows, or the result's scale is below the operands' common scale for a sum (a result type
     * whose precision was capped).
     */
    static long unscaled(Arithmetic.Op op, long a, int aScale, long b, int bScale, int scale) {
        try {
            if (op == Arithmetic.Op.MULTIPLY) {
                long product = Math.multiplyExact(a, b);
                int drop = aScale + bScale - scale;
                if (drop == 0) {
                    return product;
                }
                if (drop < 0 || drop > 18) {
                    return Long.MIN_VALUE;
                }
                return roundHalfUp(product, POWERS[drop]);
            }
            int common = Math.max(aScale, bScale);
            if (common != scale || common - aScale > 18 || common - bScale > 18) {
                return Long.MIN_VALUE;
            }
            long x = Math.multiplyExact(a, POWERS[common - aScale]);
            long y = Math.multiplyExact(b, POWERS[common - bScale]);
            return op == Arithmetic.Op.ADD ? Math.addExact(x, y) : Math.subtractExact(x, y);
        } catch (ArithmeticException e) {
            return Long.MIN_VALUE;
        }
    }

    /** The unscaled value of a decimal of at most 18 digits. */
    private static long compact(BigDecimal value) {
        return value.unscaledValue().longValue();
    }

    /** {@code value / divisor} rounded half away from zero, as BigDecimal's HALF_UP rounds. */
    static long roundHalfUp(long value, long divisor) {
        long quotient = value / divisor;
        long remainder = value % divisor;
        if (Math.abs(remainder) * 2 >= divisor) {
            quotient += value < 0 ? -1 : 1;
        }
        return quotient;
    }

    /** The expression's own exact result, or null where its {@code try_} form gives null. */
    private BigDecimal exact(BigDecimal a, BigDecimal b) {
        try {
            return (BigDecimal) expression.compute(a, b);
        } catch (EmberException e) {
            if (expression.failOnError()) {
                throw e;
            }
            return null;
        }
    }
}
