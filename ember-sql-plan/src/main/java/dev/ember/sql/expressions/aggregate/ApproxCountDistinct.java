package dev.ember.sql.expressions.aggregate;

import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.InternalRow;
import dev.ember.sql.expressions.Murmur3Hash;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import java.util.List;

/**
 * {@code approx_count_distinct(x[, rsd])}: an estimate of the number of distinct non-null values, by a HyperLogLog
 * sketch. The relative standard deviation {@code rsd} (0.05 by default) fixes the number of registers, {@code 2^p}
 * with {@code p = ceil(2 log2(1.106 / rsd))} (4 to 16); each register keeps the longest run of leading zeros seen
 * among the hashes that fall to it. The buffer is the registers, one byte each, as a binary value, and merging two
 * sketches keeps the larger register of each pair. Small counts are estimated by linear counting (from the number of
 * empty registers), which is near exact; larger ones by the harmonic mean of the registers.
 */
public record ApproxCountDistinct(Expression child, double relativeSD) implements AggregateFunction {
    private static final long serialVersionUID = 1L;

    /** The number of index bits for a relative standard deviation. */
    public static int precisionFor(double relativeSD) {
        int p = (int) Math.ceil(2.0 * Math.log(1.106 / relativeSD) / Math.log(2));
        return Math.max(4, Math.min(16, p));
    }

    private int precision() {
        return precisionFor(relativeSD);
    }

    @Override
    public List<Expression> children() {
        return List.of(child);
    }

    @Override
    public Expression withChildren(List<Expression> children) {
        return new ApproxCountDistinct(children.get(0), relativeSD);
    }

    @Override
    public DataType dataType() {
        return DataTypes.LongType;
    }

    @Override
    public boolean nullable() {
        return false;
    }

    @Override
    public List<DataType> bufferTypes() {
        return List.of(DataTypes.BinaryType);
    }

    @Override
    public Object[] newBuffer() {
        return new Object[] {new byte[1 << precision()]};
    }

    @Override
    public void update(Object[] buffer, InternalRow input) {
        Object value = child.eval(input);
        if (value == null) {
            return;
        }
        int p = precision();
        long hash = Murmur3Hash.hash64(value, child.dataType());
        int index = (int) (hash >>> (64 - p));
        long rest = (hash << p) | (1L << (p - 1));
        byte rank = (byte) (Long.numberOfLeadingZeros(rest) + 1);
        byte[] registers = (byte[]) buffer[0];
        if (registers[index] < rank) {
            registers[index] = rank;
        }
    }

    @Override
    public void merge(Object[] buffer, Object[] other) {
        byte[] registers = (byte[]) buffer[0];
        byte[] theirs = (byte[]) other[0];
        for (int i = 0; i < registers.length; i++) {
            if (theirs[i] > registers[i]) {
                registers[i] = theirs[i];
            }
        }
    }

    @Override
    public Object result(Object[] buffer) {
        return estimate((byte[]) buffer[0]);
    }

    /** The estimated number of distinct values a sketch of {@code registers} has seen. */
    static long estimate(byte[] registers) {
        int m = registers.length;
        double sum = 0;
        int zeros = 0;
        for (byte register : registers) {
            sum += Math.scalb(1.0, -register);
            if (register == 0) {
                zeros++;
            }
        }
        if (zeros > 0) {
            double linear = m * Math.log((double) m / zeros);
            if (linear <= 2.5 * m) {
                return Math.round(linear);
            }
        }
        double alpha =
                switch (m) {
                    case 16 -> 0.673;
                    case 32 -> 0.697;
                    case 64 -> 0.709;
                    default -> 0.7213 / (1 + 1.079 / m);
                };
        return Math.round(alpha * m * m / sum);
    }

    @Override
    public String prettyName() {
        return "approx_count_distinct";
    }

    @Override
    public String sql() {
        return "approx_count_distinct(" + child.sql() + ")";
    }
}
