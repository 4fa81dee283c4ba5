package dev.ember.sql.expressions.aggregate;

import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.InternalRow;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import java.util.List;

/**
 * Skewness and (excess) kurtosis of a numeric column, as doubles, computed as Spark does from the population moments:
 * {@code sqrt(n) * m3 / m2^1.5} and {@code n * m4 / m2^2 - 3}. The buffer is the count, the mean and the second,
 * third and fourth central moments, updated one value at a time and merged pairwise (Pébay's formulas). Null for no
 * rows, and for a column that does not vary.
 */
public record HigherMoment(Expression child, boolean kurtosis) implements AggregateFunction {
    private static final long serialVersionUID = 1L;

    @Override
    public List<Expression> children() {
        return List.of(child);
    }

    @Override
    public Expression withChildren(List<Expression> children) {
        return new HigherMoment(children.get(0), kurtosis);
    }

    @Override
    public DataType dataType() {
        return DataTypes.DoubleType;
    }

    @Override
    public boolean nullable() {
        return true;
    }

    @Override
    public List<DataType> bufferTypes() {
        DataType d = DataTypes.DoubleType;
        return List.of(d, d, d, d, d);
    }

    /** count, mean, m2, m3, m4. */
    @Override
    public Object[] newBuffer() {
        return new Object[] {0.0, 0.0, 0.0, 0.0, 0.0};
    }

    @Override
    public void update(Object[] buffer, InternalRow input) {
        Object value = child.eval(input);
        if (value == null) {
            return;
        }
        double x = ((Number) value).doubleValue();
        merge(buffer, new Object[] {1.0, x, 0.0, 0.0, 0.0});
    }

    @Override
    public void merge(Object[] buffer, Object[] other) {
        double nb = (Double) other[0];
        if (nb == 0) {
            return;
        }
        double na = (Double) buffer[0];
        double n = na + nb;
        double delta = (Double) other[1] - (Double) buffer[1];
        double delta2 = delta * delta;
        double m2a = (Double) buffer[2];
        double m3a = (Double) buffer[3];
        double m4a = (Double) buffer[4];
        double m2b = (Double) other[2];
        double m3b = (Double) other[3];
        double m4b = (Double) other[4];
        double m2 = m2a + m2b + delta2 * na * nb / n;
        double m3 = m3a + m3b + delta * delta2 * na * nb * (na - nb) / (n * n) + 3 * delta * (na * m2b - nb * m2a) / n;
        double m4 = m4a
                + m4b
                + delta2 * delta2 * na * nb * (na * na - na * nb + nb * nb) / (n * n * n)
                + 6 * delta2 * (na * na * m2b + nb * nb * m2a) / (n * n)
                + 4 * delta * (na * m3b - nb * m3a) / n;
        buffer[0] = n;
        buffer[1] = (Double) buffer[1] + delta * nb / n;
        buffer[2] = m2;
        buffer[3] = m3;
        buffer[4] = m4;
    }

    @Override
    public Object result(Object[] buffer) {
        double n = (Double) buffer[0];
        double m2 = (Double) buffer[2];
        if (n == 0 || m2 == 0) {
            return null;
        }
        if (kurtosis) {
            return n * (Double) buffer[4] / (m2 * m2) - 3.0;
        }
        return Math.sqrt(n) * (Double) buffer[3] / Math.sqrt(m2 * m2 * m2);
    }

    @Override
    public String prettyName() {
        return kurtosis ? "kurtosis" : "skewness";
    }

    @Override
    public String sql() {
        return prettyName() + "(" + child.sql() + ")";
    }
}
