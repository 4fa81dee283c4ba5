package dev.ember.sql.execution;

import dev.ember.sql.types.BooleanType;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DoubleType;
import dev.ember.sql.types.FloatType;
import dev.ember.sql.vector.BytesVector;
import dev.ember.sql.vector.ColumnBatch;
import dev.ember.sql.vector.ColumnVector;
import dev.ember.sql.vector.ColumnVectors;
import dev.ember.sql.vector.IntVector;
import dev.ember.sql.vector.LongVector;
import java.util.Arrays;

/**
 * The hash of a row's key values that decides its partition in a hash exchange. Both sides of a join are hashed by
 * keys of the same types, so equal keys meet in the same partition. The hash depends only on the values (not on how a
 * vector holds them), and nulls hash to a constant.
 */
public final class KeyHashing {
    private static final int NULL_HASH = 42;

    private KeyHashing() {}

    public static int hash(ColumnVector[] keys, int row) {
        int hash = 17;
        for (ColumnVector key : keys) {
            hash = hash * 31 + hashValue(key, row);
        }
        return mix(hash);
    }

    /**
     * {@link #hash} of each selected row of {@code batch}, the {@code k}-th at {@code k}: a column at a time, with the
     * kind of each column decided once rather than per row.
     */
    public static int[] hashAll(ColumnVector[] keys, ColumnBatch batch) {
        int[] hashes = new int[batch.size()];
        hashAll(keys, batch, hashes);
        return hashes;
    }

    /** {@link #hashAll(ColumnVector[], ColumnBatch)} into {@code out}. */
    public static void hashAll(ColumnVector[] keys, ColumnBatch batch, int[] out) {
        int size = batch.size();
        int[] selection = batch.selection();
        Arrays.fill(out, 0, size, 17);
        for (ColumnVector key : keys) {
            ColumnVectors.Kind kind = ColumnVectors.kindOf(key.type());
            boolean nulls = key.mayHaveNulls();
            if (kind == ColumnVectors.Kind.LONG && key instanceof LongVector longs) {
                long[] values = longs.values();
                for (int k = 0; k < size; k++) {
                    int row = selection == null ? k : selection[k];
                    int value = nulls && key.isNull(row) ? NULL_HASH : Long.hashCode(values[row]);
                    out[k] = out[k] * 31 + value;
                }
            } else if (kind == ColumnVectors.Kind.INT && key instanceof IntVector ints) {
                int[] values = ints.values();
                for (int k = 0; k < size; k++) {
                    int row = selection == null ? k : selection[k];
                    int value = nulls && key.isNull(row) ? NULL_HASH : values[row];
                    out[k] = out[k] * 31 + value;
                }
            } else {
                for (int k = 0; k < size; k++) {
                    out[k] = out[k] * 31 + hashValue(key, selection == null ? k : selection[k]);
                }
            }
        }
        for (int k = 0; k < size; k++) {
            out[k] = mix(out[k]);
        }
    }

    /** The partition of a hash among {@code partitions}. */
    public static int partition(int hash, int partitions) {
        return Math.floorMod(hash, partitions);
    }

    private static int hashValue(ColumnVector vector, int row) {
        if (vector.isNull(row)) {
            return NULL_HASH;
        }
        DataType type = vector.type();
        switch (ColumnVectors.kindOf(type)) {
            case INT:
                return Integer.hashCode(vector.getInt(row));
            case LONG:
                return Long.hashCode(vector.getLong(row));
            case DOUBLE: {
                double value = vector.getDouble(row);
                return Double.hashCode(value == 0.0 ? 0.0 : value);
            }
            case FLOAT: {
                float value = vector.getFloat(row);
                return Float.hashCode(value == 0.0f ? 0.0f : value);
            }
            case BOOLEAN:
                return vector.getBoolean(row) ? 1231 : 1237;
            case BYTES:
                return Long.hashCode(((BytesVector) vector).hash(row));
            default: {
                Object value = vector.getObject(row);
                if (type instanceof DoubleType || type instanceof FloatType || type instanceof BooleanType) {
                    return value.hashCode();
                }
                return value instanceof byte[] bytes
                        ? Arrays.hashCode(bytes)
                        : Arrays.deepHashCode(new Object[] {value});
            }
        }
    }

    /** Spreads the bits so that nearby hashes land in different partitions (a finalizer of Murmur3). */
    static int mix(int hash) {
        int h = hash;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
