package dev.ember.sql.expressions.aggregate;

import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.InternalRow;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import java.util.List;

/**
 * Variance and standard deviation, sample or population, as doubles. The buffer is the count, the mean and the sum
 * of squared differences from the mean, updated one value at a time (Welford) and merged pairwise (Chan et al.), which
 * stays accurate where summing squares would not. A sample statistic of one value is null, as in Spark's ANSI mode.
 */
public record CentralMoment(Expression child, Kind kind) implements AggregateFunction {
    private static final long serialVersionUID = 1L;

    /** Which statistic, by its SQL name. */
    public enum Kind {
        VAR_SAMP("var_samp"),
        VAR_POP("var_pop"),
        STDDEV_SAMP("stddev_samp"),
        STDDEV_POP("stddev_pop");

        private final String sqlName;

        Kind(String sqlName) {
            this.sqlName = sqlName;
        }

        public String sqlName() {
            return sqlName;
        }
    }

    @Override
    public List<Expression> children() {
        return List.of(child);
    }

    @Override
    public Expression withChildren(List<Expression> children) {
        return new CentralMoment(children.get(0), kind);
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
        return List.of(DataTypes.DoubleType, DataTypes.DoubleType, DataTypes.DoubleType);
    }

    @Override
    public Object[] newBuffer() {
        return new Object[] {0.0, 0.0, 0.0};
    }

    @Override
    public void update(Object[] buffer, InternalRow input) {
        Object value = child.eval(input);
        if (value == null) {
            return;
        }
        double x = ((Number) value).doubleValue();
        double n = (Double) buffer[0] + 1;
        double mean = (Double) buffer[1];
        double delta = x - mean;
        mean += delta / n;
        buffer[0] = n;
        buffer[1] = mean;
        buffer[2] = (Double) buffer[2] + delta * (x - mean);
    }

    @Override
    public void merge(Object[] buffer, Object[] other) {
        double n2 = (Double) other[0];
        if (n2 == 0) {
            return;
        }
        double n1 = (Double) buffer[0];
        double n = n1 + n2;
        double delta = (Double) other[1] - (Double) buffer[1];
        buffer[1] = (Double) buffer[1] + delta * n2 / n;
        buffer[2] = (Double) buffer[2] + (Double) other[2] + delta * delta * n1 * n2 / n;
        buffer[0] = n;
    }

    @Override
    public Object result(Object[] buffer) {
        double n = (Double) buffer[0];
        double m2 = (Double) buffer[2];
        return switch (kind) {
            case VAR_POP -> n == 0 ? null : m2 / n;
            case STDDEV_POP -> n == 0 ? null : Math.sqrt(m2 / n);
            case VAR_SAMP -> n <= 1 ? null : m2 / (n - 1);
            case STDDEV_SAMP -> n <= 1 ? null : Math.sqrt(m2 / (n - 1));
        };
    }

    @Override
    public String prettyName() {
        return kind.sqlName();
    }

    @Override
    public String sql() {
        return prettyName() + "(" + child.sql() + ")";
    }
}
