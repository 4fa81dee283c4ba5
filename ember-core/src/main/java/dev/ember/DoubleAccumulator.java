package dev.ember;

/** Sums doubles (and counts them). Create with {@code ctx.doubleAccumulator("name")}. */
public final class DoubleAccumulator extends AccumulatorV2<Double, Double> {
    private static final long serialVersionUID = 1L;

    private double sum;
    private long count;

    @Override
    public boolean isZero() {
        return sum == 0.0 && count == 0;
    }

    @Override
    public DoubleAccumulator copy() {
        DoubleAccumulator copy = new DoubleAccumulator();
        synchronized (this) {
            copy.sum = sum;
            copy.count = count;
        }
        return copy;
    }

    @Override
    public synchronized void reset() {
        sum = 0.0;
        count = 0;
    }

    @Override
    public void add(Double value) {
        add(value.doubleValue());
    }

    /** Adds {@code value}. */
    public synchronized void add(double value) {
        sum += value;
        count++;
    }

    @Override
    public void merge(AccumulatorV2<Double, Double> other) {
        if (!(other instanceof DoubleAccumulator doubles)) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "Cannot merge " + other.getClass().getName() + " into a DoubleAccumulator");
        }
        double otherSum;
        long otherCount;
        synchronized (doubles) {
            otherSum = doubles.sum;
            otherCount = doubles.count;
        }
        synchronized (this) {
            sum += otherSum;
            count += otherCount;
        }
    }

    @Override
    public synchronized Double value() {
        return sum;
    }

    public synchronized double sum() {
        return sum;
    }

    public synchronized long count() {
        return count;
    }

    public synchronized double avg() {
        return count == 0 ? Double.NaN : sum / count;
    }

    public synchronized void setValue(double value) {
        sum = value;
    }
}
