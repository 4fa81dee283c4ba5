package dev.ember;

/** Sums longs (and counts them). Create with {@code ctx.longAccumulator("name")}. */
public final class LongAccumulator extends AccumulatorV2<Long, Long> {
    private static final long serialVersionUID = 1L;

    private long sum;
    private long count;

    @Override
    public boolean isZero() {
        return sum == 0 && count == 0;
    }

    @Override
    public LongAccumulator copy() {
        LongAccumulator copy = new LongAccumulator();
        synchronized (this) {
            copy.sum = sum;
            copy.count = count;
        }
        return copy;
    }

    @Override
    public synchronized void reset() {
        sum = 0;
        count = 0;
    }

    @Override
    public void add(Long value) {
        add(value.longValue());
    }

    /** Adds {@code value}. */
    public synchronized void add(long value) {
        sum += value;
        count++;
    }

    @Override
    public void merge(AccumulatorV2<Long, Long> other) {
        if (!(other instanceof LongAccumulator longs)) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "Cannot merge " + other.getClass().getName() + " into a LongAccumulator");
        }
        long otherSum;
        long otherCount;
        synchronized (longs) {
            otherSum = longs.sum;
            otherCount = longs.count;
        }
        synchronized (this) {
            sum += otherSum;
            count += otherCount;
        }
    }

    @Override
    public synchronized Long value() {
        return sum;
    }

    public synchronized long sum() {
        return sum;
    }

    /** How many values were added. */
    public synchronized long count() {
        return count;
    }

    /** The mean of the values added, NaN if none. */
    public synchronized double avg() {
        return count == 0 ? Double.NaN : (double) sum / count;
    }

    /** Sets the sum (on the driver). */
    public synchronized void setValue(long value) {
        sum = value;
    }
}
