package dev.ember.sql.expressions.aggregate;

import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.InternalRow;
import dev.ember.sql.types.ArrayType;
import dev.ember.sql.types.ByteType;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.DateType;
import dev.ember.sql.types.DecimalType;
import dev.ember.sql.types.FloatType;
import dev.ember.sql.types.IntegerType;
import dev.ember.sql.types.ShortType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code percentile_approx(x, p[, accuracy])}: for each percentage {@code p}, the smallest of the group's values such
 * that at least {@code p} of the values are at or below it, as a value of the input's type (numbers, dates,
 * timestamps). The buffer is a mergeable quantile summary: values (as doubles) with weights, the number of input
 * values each stands for. Up to {@code 2 * capacity} entries it holds every value, so small groups get exact answers;
 * beyond, it is compressed to {@code capacity} entries of about equal weight, each carrying the largest value of the
 * run it replaces, which bounds the rank error of one compression by {@code 1 / capacity} of the count. The capacity
 * is the accuracy (10000 by default), at least 100 and at most 100000.
 */
public record ApproxPercentile(Expression child, List<Double> percentages, boolean array, int accuracy)
        implements AggregateFunction {
    private static final long serialVersionUID = 1L;

    public static final int DEFAULT_ACCURACY = 10_000;

    public ApproxPercentile {
        percentages = List.copyOf(percentages);
    }

    private int capacity() {
        return Math.max(100, Math.min(100_000, accuracy));
    }

    @Override
    public List<Expression> children() {
        return List.of(child);
    }

    @Override
    public Expression withChildren(List<Expression> children) {
        return new ApproxPercentile(children.get(0), percentages, array, accuracy);
    }

    @Override
    public DataType dataType() {
        return array ? new ArrayType(child.dataType(), false) : child.dataType();
    }

    @Override
    public boolean nullable() {
        return true;
    }

    @Override
    public List<DataType> bufferTypes() {
        return List.of(new ArrayType(DataTypes.DoubleType, false), new ArrayType(DataTypes.LongType, false));
    }

    @Override
    public Object[] newBuffer() {
        return new Object[] {new ArrayList<>(), new ArrayList<>()};
    }

    @SuppressWarnings("unchecked")
    private static List<Object> mutable(Object[] buffer, int index) {
        if (!(buffer[index] instanceof ArrayList)) {
            buffer[index] = new ArrayList<>((List<Object>) buffer[index]);
        }
        return (List<Object>) buffer[index];
    }

    @Override
    public void update(Object[] buffer, InternalRow input) {
        Object value = child.eval(input);
        if (value == null) {
            return;
        }
        mutable(buffer, 0).add(((Number) value).doubleValue());
        mutable(buffer, 1).add(1L);
        compressIfFull(buffer);
    }

    @Override
    public void merge(Object[] buffer, Object[] other) {
        mutable(buffer, 0).addAll((List<?>) other[0]);
        mutable(buffer, 1).addAll((List<?>) other[1]);
        compressIfFull(buffer);
    }

    private void compressIfFull(Object[] buffer) {
        List<Object> values = mutable(buffer, 0);
        if (values.size() <= 2 * capacity()) {
            return;
        }
        List<Object> weights = mutable(buffer, 1);
        Integer[] order = sortedOrder(values);
        long total = 0;
        for (Object weight : weights) {
            total += (Long) weight;
        }
        double target = (double) total / capacity();
        List<Object> newValues = new ArrayList<>(capacity() + 1);
        List<Object> newWeights = new ArrayList<>(capacity() + 1);
        long run = 0;
        for (int i = 0; i < order.length; i++) {
            run += (Long) weights.get(order[i]);
            if (run >= target || i == order.length - 1) {
                newValues.add(values.get(order[i]));
                newWeights.add(run);
                run = 0;
            }
        }
        buffer[0] = newValues;
        buffer[1] = newWeights;
    }

    private static Integer[] sortedOrder(List<?> values) {
        Integer[] order = new Integer[values.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare((Double) values.get(a), (Double) values.get(b)));
        return order;
    }

    @Override
    public Object result(Object[] buffer) {
        List<?> values = (List<?>) buffer[0];
        List<?> weights = (List<?>) buffer[1];
        if (values.isEmpty()) {
            return null;
        }
        Integer[] order = sortedOrder(values);
        long total = 0;
        for (Object weight : weights) {
            total += (Long) weight;
        }
        List<Object> results = new ArrayList<>();
        for (double p : percentages) {
            long rank = Math.max(1, (long) Math.ceil(p * total));
            long seen = 0;
            double found = (Double) values.get(order[order.length - 1]);
            for (Integer index : order) {
                seen += (Long) weights.get(index);
                if (seen >= rank) {
                    found = (Double) values.get(index);
                    break;
                }
            }
            results.add(fromDouble(found, child.dataType()));
        }
        return array ? results : results.get(0);
    }

    /** A value of {@code type} from its double. */
    static Object fromDouble(double value, DataType type) {
        if (type instanceof DecimalType decimal) {
            return new BigDecimal(Double.toString(value)).setScale(decimal.scale(), RoundingMode.HALF_UP);
        }
        if (type instanceof IntegerType || type instanceof DateType) {
            return (int) value;
        }
        if (type instanceof ShortType) {
            return (short) value;
        }
        if (type instanceof ByteType) {
            return (byte) value;
        }
        if (type instanceof FloatType) {
            return (float) value;
        }
        if (type.isIntegral()
                || type instanceof dev.ember.sql.types.TimestampType
                || type instanceof dev.ember.sql.types.TimestampNTZType) {
            return (long) value;
        }
        return value;
    }

    @Override
    public String prettyName() {
        return "percentile_approx";
    }

    @Override
    public String sql() {
        return "percentile_approx(" + child.sql() + ", " + (array ? percentages.toString() : percentages.get(0)) + ", "
                + accuracy + ")";
    }
}
