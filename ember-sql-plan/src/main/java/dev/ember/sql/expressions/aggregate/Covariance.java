package dev.ember.sql.expressions.aggregate;

import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.InternalRow;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import java.util.List;

/**
 * Covariance (sample or population) and Pearson correlation of two numeric columns, as doubles, over the rows where
 * both are not null. The buffer is the count, both means, the co-moment and both second moments, updated one pair at a
 * time and merged pairwise, as {@link CentralMoment} does for one column. A sample covariance of one pair is null, and
 * so is a correlation where a column does not vary.
 */
public record Covariance(Expression left, Expression right, Kind kind) implements AggregateFunction {
    private static final long serialVersionUID = 1L;

    /** Which statistic, by its SQL name. */
    public enum Kind {
        COVAR_POP("covar_pop"),
        COVAR_SAMP("covar_samp"),
        CORR("corr");

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
        return List.of(left, right);
    }

    @Override
    public Expression withChildren(List<Expression> children) {
        return new Covariance(children.get(0), children.get(1), kind);
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
        return List.of(d, d, d, d, d, d);
    }

    /** count, mean of x, mean of y, co-moment, second moment of x, second moment of y. */
    @Override
    public Object[] newBuffer() {
        return new Object[] {0.0, 0.0, 0.0, 0.0, 0.0, 0.0};
    }

    @Override
    public void update(Object[] buffer, InternalRow input) {
        Object a = left.eval(input);
        Object b = right.eval(input);
        if (a == null || b == null) {
            return;
        }
        double x = ((Number) a).doubleValue();
        double y = ((Number) b).doubleValue();
        double n = (Double) buffer[0] + 1;
        double dx = x - (Double) buffer[1];
        double dy = y - (Double) buffer[2];
        double meanX = (Double) buffer[1] + dx / n;
        double meanY = (Double) buffer[2] + dy / n;
        buffer[0] = n;
        buffer[1] = meanX;
        buffer[2] = meanY;
        buffer[3] = (Double) buffer[3] + dx * (y - meanY);
        buffer[4] = (Double) buffer[4] + dx * (x - meanX);
        buffer[5] = (Double) buffer[5] + dy * (y - meanY);
    }

    @Override
    public void merge(Object[] buffer, Object[] other) {
        double n2 = (Double) other[0];
        if (n2 == 0) {
            return;
        }
        double n1 = (Double) buffer[0];
        double n = n1 + n2;
        double dx = (Double) other[1] - (Double) buffer[1];
        double dy = (Double) other[2] - (Double) buffer[2];
        double weight = n1 * n2 / n;
        buffer[3] = (Double) buffer[3] + (Double) other[3] + dx * dy * weight;
        buffer[4] = (Double) buffer[4] + (Double) other[4] + dx * dx * weight;
        buffer[5] = (Double) buffer[5] + (Double) other[5] + dy * dy * weight;
        buffer[1] = (Double) buffer[1] + dx * n2 / n;
        buffer[2] = (Double) buffer[2] + dy * n2 / n;
        buffer[0] = n;
    }

    @Override
    public Object result(Object[] buffer) {
        double n = (Double) buffer[0];
        double c2 = (Double) buffer[3];
        return switch (kind) {
            case COVAR_POP -> n == 0 ? null : c2 / n;
            case COVAR_SAMP -> n <= 1 ? null : c2 / (n - 1);
            case CORR -> {
                double spread = Math.sqrt((Double) buffer[4] * (Double) buffer[5]);
                yield n == 0 || spread == 0 ? null : c2 / spread;
            }
        };
    }

    @Override
    public String prettyName() {
        return kind.sqlName();
    }

    @Override
    public String sql() {
        return prettyName() + "(" + left.sql() + ", " + right.sql() + ")";
    }
}
