package dev.ember.sql.expressions.aggregate;

import dev.ember.sql.expressions.Decimals;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.InternalRow;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.DecimalType;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;

/**
 * {@code avg(x)}: null for a group of only nulls. Numbers average to double, {@code decimal(p,s)} to {@code
 * decimal(min(38, p + 4), min(38, s + 4))}, as in Spark. The buffer is the sum (as {@link Sum} types it) and the
 * count.
 */
public record Average(Expression child) implements AggregateFunction {
    private static final long serialVersionUID = 1L;

    @Override
    public List<Expression> children() {
        return List.of(child);
    }

    @Override
    public Expression withChildren(List<Expression> children) {
        return new Average(children.get(0));
    }

    @Override
    public DataType dataType() {
        if (child.dataType() instanceof DecimalType decimal) {
            return DecimalType.bounded(
                    Math.min(DecimalType.MAX_PRECISION, decimal.precision() + 4),
                    Math.min(DecimalType.MAX_PRECISION, decimal.scale() + 4));
        }
        return DataTypes.DoubleType;
    }

    @Override
    public boolean nullable() {
        return true;
    }

    private DataType sumType() {
        return child.dataType() instanceof DecimalType ? Sum.resultType(child.dataType()) : DataTypes.DoubleType;
    }

    @Override
    public List<DataType> bufferTypes() {
        return List.of(sumType(), DataTypes.LongType);
    }

    @Override
    public Object[] newBuffer() {
        return new Object[] {null, 0L};
    }

    @Override
    public void update(Object[] buffer, InternalRow input) {
        Object value = child.eval(input);
        if (value != null) {
            buffer[0] = add(buffer[0], value);
            buffer[1] = (Long) buffer[1] + 1;
        }
    }

    @Override
    public void merge(Object[] buffer, Object[] other) {
        if (other[0] != null) {
            buffer[0] = add(buffer[0], other[0]);
            buffer[1] = (Long) buffer[1] + (Long) other[1];
        }
    }

    private Object add(Object total, Object value) {
        if (sumType() instanceof DecimalType decimal) {
            BigDecimal sum = total == null ? (BigDecimal) value : ((BigDecimal) total).add((BigDecimal) value);
            return Decimals.fit(sum, decimal, this::sql);
        }
        double number = ((Number) value).doubleValue();
        return total == null ? number : (Double) total + number;
    }

    @Override
    public Object result(Object[] buffer) {
        if (buffer[0] == null) {
            return null;
        }
        long count = (Long) buffer[1];
        if (dataType() instanceof DecimalType decimal) {
            BigDecimal average = ((BigDecimal) buffer[0])
                    .divide(
                            BigDecimal.valueOf(count),
                            new MathContext(DecimalType.MAX_PRECISION, RoundingMode.HALF_UP));
            return Decimals.fit(average, decimal, this::sql);
        }
        return (Double) buffer[0] / count;
    }

    @Override
    public String prettyName() {
        return "avg";
    }

    @Override
    public String sql() {
        return "avg(" + child.sql() + ")";
    }
}
