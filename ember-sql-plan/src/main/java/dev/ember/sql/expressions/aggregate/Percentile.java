package dev.ember.sql.expressions.aggregate;

import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.InternalRow;
import dev.ember.sql.types.ArrayType;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code percentile(x, p)} and {@code median(x)}: the exact percentiles of the group's non-null numbers, as doubles,
 * interpolated linearly between the two nearest values (the value at position {@code p * (n - 1)} of the sorted
 * values). With an array of percentages ({@code array} true) the result is an array. The buffer collects every value.
 *
 * @param name the function's SQL name ({@code percentile} or {@code median})
 */
public record Percentile(Expression child, List<Double> percentages, boolean array, String name)
        implements AggregateFunction {
    private static final long serialVersionUID = 1L;

    public Percentile {
        percentages = List.copyOf(percentages);
    }

    @Override
    public List<Expression> children() {
        return List.of(child);
    }

    @Override
    public Expression withChildren(List<Expression> children) {
        return new Percentile(children.get(0), percentages, array, name);
    }

    @Override
    public DataType dataType() {
        return array ? new ArrayType(DataTypes.DoubleType, false) : DataTypes.DoubleType;
    }

    @Override
    public boolean nullable() {
        return true;
    }

    @Override
    public List<DataType> bufferTypes() {
        return List.of(new ArrayType(DataTypes.DoubleType, false));
    }

    @Override
    public Object[] newBuffer() {
        return CollectedValues.newBuffer();
    }

    @Override
    public void update(Object[] buffer, InternalRow input) {
        Object value = child.eval(input);
        if (value != null) {
            CollectedValues.add(buffer, ((Number) value).doubleValue());
        }
    }

    @Override
    public void merge(Object[] buffer, Object[] other) {
        CollectedValues.addAll(buffer, other);
    }

    @Override
    public Object result(Object[] buffer) {
        List<?> collected = (List<?>) buffer[0];
        if (collected.isEmpty()) {
            return null;
        }
        double[] values = new double[collected.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = ((Number) collected.get(i)).doubleValue();
        }
        java.util.Arrays.sort(values);
        List<Object> results = new ArrayList<>();
        if (name.equals("percentile_disc")) {
            // The first value whose cumulative distribution reaches p.
            for (double p : percentages) {
                results.add(values[Math.max(0, (int) Math.ceil(p * values.length) - 1)]);
            }
            return array ? results : results.get(0);
        }
        for (double p : percentages) {
            double position = p * (values.length - 1);
            int lower = (int) Math.floor(position);
            int upper = (int) Math.ceil(position);
            results.add(
                    lower == upper
                            ? values[lower]
                            : values[lower] + (position - lower) * (values[upper] - values[lower]));
        }
        return array ? results : results.get(0);
    }

    @Override
    public String prettyName() {
        return name;
    }

    @Override
    public String sql() {
        if (name.equals("median")) {
            return "median(" + child.sql() + ")";
        }
        return name + "(" + child.sql() + ", " + (array ? percentages.toString() : percentages.get(0)) + ")";
    }
}
