package dev.ember.sql.expressions.aggregate;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.Decimals;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.InternalRow;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.DecimalType;
import dev.ember.sql.types.DoubleType;
import dev.ember.sql.types.FloatType;
import java.math.BigDecimal;
import java.util.List;

/**
 * {@code sum(x)}: null for a group of only nulls. Integral inputs sum to bigint (an overflow fails under ANSI mode),
 * floating ones to double, {@code decimal(p,s)} to {@code decimal(min(38, p + 10), s)}, as in Spark.
 */
public record Sum(Expression child) implements AggregateFunction {
    private static final long serialVersionUID = 1L;

    /** The result type of summing values of {@code input}. */
    public static DataType resultType(DataType input) {
        if (input instanceof DecimalType decimal) {
            return DecimalType.bounded(Math.min(DecimalType.MAX_PRECISION, decimal.precision() + 10), decimal.scale());
        }
        if (input instanceof DoubleType || input instanceof FloatType) {
            return DataTypes.DoubleType;
        }
        if (input instanceof dev.ember.sql.types.YearMonthIntervalType
                || input instanceof dev.ember.sql.types.DayTimeIntervalType) {
            return input;
        }
        return DataTypes.LongType;
    }

    @Override
    public List<Expression> children() {
        return List.of(child);
    }

    @Override
    public Expression withChildren(List<Expression> children) {
        return new Sum(children.get(0));
    }

    @Override
    public DataType dataType() {
        return resultType(child.dataType());
    }

    @Override
    public boolean nullable() {
        return true;
    }

    @Override
    public List<DataType> bufferTypes() {
        return List.of(dataType());
    }

    @Override
    public Object[] newBuffer() {
        return new Object[] {null};
    }

    @Override
    public void update(Object[] buffer, InternalRow input) {
        Object value = child.eval(input);
        if (value != null) {
            buffer[0] = add(buffer[0], value);
        }
    }

    @Override
    public void merge(Object[] buffer, Object[] other) {
        if (other[0] != null) {
            buffer[0] = add(buffer[0], other[0]);
        }
    }

    private Object add(Object total, Object value) {
        DataType type = dataType();
        if (type instanceof DecimalType decimal) {
            BigDecimal sum = total == null ? (BigDecimal) value : ((BigDecimal) total).add((BigDecimal) value);
            return Decimals.fit(sum, decimal, this::sql);
        }
        if (type instanceof DoubleType) {
            double number = ((Number) value).doubleValue();
            return total == null ? number : (Double) total + number;
        }
        if (type instanceof dev.ember.sql.types.YearMonthIntervalType) {
            int number = (Integer) value;
            return total == null ? number : Math.addExact((Integer) total, number);
        }
        long number = ((Number) value).longValue();
        if (total == null) {
            return number;
        }
        try {
            return Math.addExact((Long) total, number);
        } catch (ArithmeticException e) {
            throw new EmberException(
                    ErrorClass.ARITHMETIC_OVERFLOW,
                    "The sum " + sql() + " overflowed BIGINT; cast its input to DECIMAL(38,0) to sum it exactly");
        }
    }

    @Override
    public Object result(Object[] buffer) {
        return buffer[0];
    }

    @Override
    public String prettyName() {
        return "sum";
    }

    @Override
    public String sql() {
        return "sum(" + child.sql() + ")";
    }
}
