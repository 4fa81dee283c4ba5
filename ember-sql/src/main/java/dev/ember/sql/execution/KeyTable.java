package dev.ember.sql.execution;

import dev.ember.sql.types.DataType;
import dev.ember.sql.vector.BytesVector;
import dev.ember.sql.vector.ColumnBatch;
import dev.ember.sql.vector.ColumnVector;
import dev.ember.sql.vector.ColumnVectors;
import dev.ember.sql.vector.DoubleVector;
import dev.ember.sql.vector.FloatVector;
import dev.ember.sql.vector.IntVector;
import dev.ember.sql.vector.LongVector;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The distinct keys of a hash aggregation, a hash join's build side or a set operation, each numbered by the order in
 * which it was first added: its <em>group</em>, from 0. The table is open addressing over a {@code long[]} of slots,
 * each holding a hash and its group; the keys themselves are held column by column in vectors of their types (longs,
 * doubles, string bytes), and the row of a batch is added or looked up by reading the batch's key vectors in place, so
 * nothing is allocated per row. {@link #addAll} and {@link #findAll} take a batch's rows at once.
 *
 * <p>Keys are equal as grouping needs: null equals null, {@code -0.0} equals {@code 0.0}, NaN equals NaN, strings and
 * binaries by their bytes, nested values by content. A join, where a null key matches nothing, skips such rows
 * ({@code skipNullKeys}). The hash of a row is {@link KeyHashing#hash}, which callers may compute once and pass in, for
 * the exchange and the spill parts use it too.
 */
public final class KeyTable {
    /** A slot holds its group's hash in the high half and the group in the low half; an empty slot is -1. */
    private static final long EMPTY = -1L;

    /** See {@link #touchHomes}: tables of fewer slots (256 KiB) stay in the caches anyway. */
    private static final int TOUCHED_SLOTS = 1 << 15;

    private final ColumnVector[] keys;
    private final ColumnVectors.Kind[] kinds;
    private long[] slots;
    private int shift;
    /** Groups the key vectors hold before they grow. */
    private int capacity;

    private int groups;

    @SuppressWarnings("unused")
    private long touched;

    public KeyTable(List<DataType> types) {
        this(types, 256);
    }

    public KeyTable(List<DataType> types, int expectedGroups) {
        int capacity = Math.max(16, expectedGroups);
        this.keys = new ColumnVector[types.size()];
        this.kinds = new ColumnVectors.Kind[types.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = ColumnVectors.allocate(types.get(i), capacity);
            kinds[i] = ColumnVectors.kindOf(types.get(i));
        }
        this.capacity = capacity;
        int slotCount = Integer.highestOneBit(capacity * 2 - 1) * 2;
        this.slots = new long[slotCount];
        Arrays.fill(slots, EMPTY);
        this.shift = 64 - Integer.numberOfTrailingZeros(slotCount);
    }

    /** The number of distinct keys added; the groups are {@code 0 .. size() - 1}. */
    public int size() {
        return groups;
    }

    /** The keys by group: column {@code column} of every group, row {@code g} holding group {@code g}'s value. */
    public ColumnVector keyColumn(int column) {
        return keys[column];
    }

    /** The bytes this table holds, roughly: its slots and key vectors. */
    public long estimatedBytes() {
        long bytes = 8L * slots.length;
        for (ColumnVector key : keys) {
            bytes += key instanceof BytesVector strings
                    ? strings.dataLength() + 4L * strings.capacity()
                    : 8L * key.capacity();
        }
        return bytes;
    }

    /** Forgets every key, keeping the arrays. */
    public void clear() {
        Arrays.fill(slots, EMPTY);
        for (ColumnVector key : keys) {
            key.reset();
        }
        groups = 0;
    }

    /** The group of row {@code row} of {@code vectors} (the key columns), added as a new group when absent. */
    public int add(ColumnVector[] vectors, int row) {
        return add(vectors, row, KeyHashing.hash(vectors, row));
    }

    /** As {@link #add(ColumnVector[], int)}, with the row's {@link KeyHashing#hash} already known. */
    public int add(ColumnVector[] vectors, int row, int hash) {
        int slot = home(hash);
        while (true) {
            long held = slots[slot];
            if (held == EMPTY) {
                return addAt(slot, vectors, row, hash);
            }
            if ((int) (held >>> 32) == hash && sameKey((int) held, vectors, row)) {
                return (int) held;
            }
            slot = (slot + 1) & (slots.length - 1);
        }
    }

    /**
     * {@link #add(ColumnVector[], int, int)} for each selected row of {@code batch}, in order: the {@code k}-th row's
     * group into {@code groups[k]}, its hash given in {@code hashes[k]}. New groups are numbered in the order of the
     * rows that first have them. With {@code skipNullKeys} (a join's build side, where a null key matches nothing) a
     * row with a null in its key is not added and gets -1.
     */
    public void addAll(ColumnVector[] vectors, ColumnBatch batch, int[] hashes, int[] groups, boolean skipNullKeys) {
        all(vectors, batch, hashes, groups, skipNullKeys, true);
    }

    /**
     * {@link #find(ColumnVector[], int, int)} for each selected row of {@code batch}: the {@code k}-th row's group, or
     * -1, into {@code groups[k]}, its hash given in {@code hashes[k]}. With {@code skipNullKeys} (a join's probe) a row
     * with a null in its key gets -1.
     */
    public void findAll(ColumnVector[] vectors, ColumnBatch batch, int[] hashes, int[] groups, boolean skipNullKeys) {
        all(vectors, batch, hashes, groups, skipNullKeys, false);
    }

    private void all(
            ColumnVector[] vectors, ColumnBatch batch, int[] hashes, int[] groups, boolean skipNullKeys, boolean add) {
        int size = batch.size();
        touchHomes(hashes, size);
        int[] selection = batch.selection();
        boolean nulls = skipNullKeys && mayHaveNulls(vectors);
        if (keys.length == 1 && keys[0] instanceof LongVector && vectors[0] instanceof LongVector probe) {
            allLongs(probe, selection, size, hashes, groups, nulls, add);
            return;
        }
        if (keys.length == 1 && keys[0] instanceof IntVector && vectors[0] instanceof IntVector probe) {
            allInts(probe, selection, size, hashes, groups, nulls, add);
            return;
        }
        for (int k = 0; k < size; k++) {
            int row = selection == null ? k : selection[k];
            if (nulls && anyNull(vectors, row)) {
                groups[k] = -1;
            } else {
                groups[k] = add ? add(vectors, row, hashes[k]) : find(vectors, row, hashes[k]);
            }
        }
    }

    /**
     * {@link #all} for one key of longs on both sides, the most common key (TPC-H's every join): the values compared in
     * their arrays. A null probe key goes the general way.
     */
    private void allLongs(
            LongVector probe, int[] selection, int size, int[] hashes, int[] groups, boolean skipNulls, boolean add) {
        long[] values = probe.values();
        boolean probeNulls = probe.mayHaveNulls();
        ColumnVector[] vectors = {probe};
        for (int k = 0; k < size; k++) {
            int row = selection == null ? k : selection[k];
            if (probeNulls && probe.isNull(row)) {
                groups[k] = skipNulls ? -1 : add ? add(vectors, row, hashes[k]) : find(vectors, row, hashes[k]);
                continue;
            }
            long value = values[row];
            int hash = hashes[k];
            LongVector held = (LongVector) keys[0];
            long[] heldValues = held.values();
            boolean heldNulls = held.mayHaveNulls();
            int slot = home(hash);
            int group;
            while (true) {
                long entry = slots[slot];
                if (entry == EMPTY) {
                    group = add ? addAt(slot, vectors, row, hash) : -1;
                    break;
                }
                int candidate = (int) entry;
                if ((int) (entry >>> 32) == hash
                        && heldValues[candidate] == value
                        && !(heldNulls && held.isNull(candidate))) {
                    group = candidate;
                    break;
                }
                slot = (slot + 1) & (slots.length - 1);
            }
            groups[k] = group;
        }
    }

    /** {@link #allLongs} for keys of ints (dates, integers). */
    private void allInts(
            IntVector probe, int[] selection, int size, int[] hashes, int[] groups, boolean skipNulls, boolean add) {
        int[] values = probe.values();
        boolean probeNulls = probe.mayHaveNulls();
        ColumnVector[] vectors = {probe};
        for (int k = 0; k < size; k++) {
            int row = selection == null ? k : selection[k];
            if (probeNulls && probe.isNull(row)) {
                groups[k] = skipNulls ? -1 : add ? add(vectors, row, hashes[k]) : find(vectors, row, hashes[k]);
                continue;
            }
            int value = values[row];
            int hash = hashes[k];
            IntVector held = (IntVector) keys[0];
            int[] heldValues = held.values();
            boolean heldNulls = held.mayHaveNulls();
            int slot = home(hash);
            int group;
            while (true) {
                long entry = slots[slot];
                if (entry == EMPTY) {
                    group = add ? addAt(slot, vectors, row, hash) : -1;
                    break;
                }
                int candidate = (int) entry;
                if ((int) (entry >>> 32) == hash
                        && heldValues[candidate] == value
                        && !(heldNulls && held.isNull(candidate))) {
                    group = candidate;
                    break;
                }
                slot = (slot + 1) & (slots.length - 1);
            }
            groups[k] = group;
        }
    }

    private static boolean mayHaveNulls(ColumnVector[] vectors) {
        for (ColumnVector vector : vectors) {
            if (vector.mayHaveNulls()) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyNull(ColumnVector[] vectors, int row) {
        for (ColumnVector vector : vectors) {
            if (vector.isNull(row)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Reads the home slot of each hash, each read independent of the others, so that the processor fetches their cache
     * lines side by side; probing them one after another would wait for each line in turn, and a table of a few
     * hundred thousand keys is far larger than the caches. The sum is kept only so that the reads are not dropped.
     */
    private void touchHomes(int[] hashes, int size) {
        if (slots.length < TOUCHED_SLOTS) {
            return;
        }
        long[] table = slots;
        long sum = 0;
        for (int k = 0; k < size; k++) {
            sum += table[home(hashes[k])];
        }
        // Then the first key of the group in each of those slots, for keys held in an array of longs or ints: the
        // probe compares it next, and it lies as far from its neighbours as the slots do.
        ColumnVector firstKey = keys.length > 0 ? keys[0] : null;
        long[] longs = firstKey instanceof LongVector vector ? vector.values() : null;
        int[] ints = firstKey instanceof IntVector vector ? vector.values() : null;
        if (longs != null || ints != null) {
            for (int k = 0; k < size; k++) {
                long held = table[home(hashes[k])];
                if (held != EMPTY && (int) (held >>> 32) == hashes[k]) {
                    sum += longs != null ? longs[(int) held] : ints[(int) held];
                }
            }
        }
        touched = sum;
    }

    /** The group of row {@code row}'s key, or -1 when it was never added. */
    public int find(ColumnVector[] vectors, int row) {
        return find(vectors, row, KeyHashing.hash(vectors, row));
    }

    /** As {@link #find(ColumnVector[], int)}, with the row's {@link KeyHashing#hash} already known. */
    public int find(ColumnVector[] vectors, int row, int hash) {
        int slot = home(hash);
        while (true) {
            long held = slots[slot];
            if (held == EMPTY) {
                return -1;
            }
            if ((int) (held >>> 32) == hash && sameKey((int) held, vectors, row)) {
                return (int) held;
            }
            slot = (slot + 1) & (slots.length - 1);
        }
    }

    /** Adds the row's key as a new group in the empty slot {@code slot}, its probe's end. */
    private int addAt(int slot, ColumnVector[] vectors, int row, int hash) {
        int group = insert(vectors, row, hash);
        slots[slot] = slotOf(hash, group);
        if (groups * 2 > slots.length) {
            rehash();
        }
        return group;
    }

    private static long slotOf(int hash, int group) {
        return ((long) hash << 32) | (group & 0xFFFFFFFFL);
    }

    /** The home slot of a hash: its high bits after a multiplication, since callers' hashes may share low bits. */
    private int home(int hash) {
        return (int) (((hash & 0xffffffffL) * 0x9E3779B97F4A7C15L) >>> shift);
    }

    private int insert(ColumnVector[] vectors, int row, int hash) {
        int group = groups;
        if (group == capacity) {
            capacity *= 2;
            for (ColumnVector key : keys) {
                key.ensureCapacity(capacity);
            }
        }
        for (int i = 0; i < keys.length; i++) {
            if (vectors[i].isNull(row)) {
                keys[i].setNull(group);
            } else if (kinds[i] == ColumnVectors.Kind.DOUBLE && keys[i] instanceof DoubleVector doubles) {
                // The key kept is the one SQL shows for the group: 0.0 for -0.0 too.
                doubles.set(group, vectors[i].getDouble(row) + 0.0);
            } else if (kinds[i] == ColumnVectors.Kind.FLOAT && keys[i] instanceof FloatVector floats) {
                floats.set(group, vectors[i].getFloat(row) + 0.0f);
            } else {
                keys[i].copyFrom(group, vectors[i], row);
            }
        }
        groups++;
        return group;
    }

    /** Twice the slots, each held slot (its hash in its high half) moved to its new home. */
    private void rehash() {
        long[] old = slots;
        int slotCount = old.length * 2;
        slots = new long[slotCount];
        Arrays.fill(slots, EMPTY);
        shift = 64 - Integer.numberOfTrailingZeros(slotCount);
        for (long held : old) {
            if (held == EMPTY) {
                continue;
            }
            int slot = home((int) (held >>> 32));
            while (slots[slot] != EMPTY) {
                slot = (slot + 1) & (slotCount - 1);
            }
            slots[slot] = held;
        }
    }

    private boolean sameKey(int group, ColumnVector[] vectors, int row) {
        for (int i = 0; i < keys.length; i++) {
            ColumnVector held = keys[i];
            ColumnVector probe = vectors[i];
            boolean heldNull = held.isNull(group);
            if (heldNull || probe.isNull(row)) {
                if (heldNull != probe.isNull(row)) {
                    return false;
                }
                continue;
            }
            if (!sameValue(kinds[i], held, group, probe, row)) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameValue(
            ColumnVectors.Kind kind, ColumnVector held, int group, ColumnVector probe, int row) {
        if (held.getClass() != probe.getClass()) {
            return Objects.deepEquals(held.getObject(group), probe.getObject(row));
        }
        switch (kind) {
            case INT:
                return held.getInt(group) == probe.getInt(row);
            case LONG:
                return held.getLong(group) == probe.getLong(row);
            case DOUBLE:
                return Double.doubleToLongBits(held.getDouble(group) + 0.0)
                        == Double.doubleToLongBits(probe.getDouble(row) + 0.0);
            case FLOAT:
                return Float.floatToIntBits(held.getFloat(group) + 0.0f)
                        == Float.floatToIntBits(probe.getFloat(row) + 0.0f);
            case BOOLEAN:
                return held.getBoolean(group) == probe.getBoolean(row);
            case BYTES:
                return ((BytesVector) held).equals(group, (BytesVector) probe, row);
            default:
                return Objects.deepEquals(held.getObject(group), probe.getObject(row));
        }
    }
}
