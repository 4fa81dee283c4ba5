package dev.ember.collection;

/**
 * The probing rule of this package's open-addressing hash tables ({@link PartitionedAppendOnlyMap} and
 * {@link ReductionMap}'s {@code LongKeys} and {@code ObjectKeys}; {@link HashJoinTable} is a
 * {@code PartitionedAppendOnlyMap}): one rule, so that they agree on how keys spread and tables grow.
 *
 * <ul>
 *   <li>A hash code is {@link #spread} (multiplied by the golden ratio, its high half folded in), because the slot
 *       is taken from its low bits and hash codes such as {@code Long}'s or {@code Integer}'s differ in high bits.
 *   <li>Capacity is a power of two, so the {@link #firstSlot} is a mask, not a division.
 *   <li>Probing is quadratic: the {@code step}-th probe moves {@code step} slots on ({@link #nextSlot}), so probe
 *       {@code i} is at {@code i (i + 1) / 2} from the first; in a power-of-two table these visit every slot before
 *       any repeats, so a table that is not full always has a free slot on the way.
 *   <li>A table grows to twice its capacity once it holds more than 70% ({@link #LOAD_FACTOR}) of it
 *       ({@link #growThreshold}, {@link #grownCapacity}), from {@value #MIN_CAPACITY} up to {@value #MAX_CAPACITY}
 *       slots.
 * </ul>
 *
 * Static methods of a few operations, which the JIT inlines into the probing loops: nothing is allocated per probe.
 * A probe reads and writes the table itself, so that each table keeps its own layout:
 *
 * <pre>{@code
 * int slot = OpenAddressing.firstSlot(OpenAddressing.spread(key.hashCode()), mask);
 * for (int step = 1; !isFreeOrHolds(slot, key); step++) {
 *     slot = OpenAddressing.nextSlot(slot, step, mask);
 * }
 * }</pre>
 */
final class OpenAddressing {
    static final double LOAD_FACTOR = 0.7;
    static final int MIN_CAPACITY = 64;
    static final int MAX_CAPACITY = 1 << 29;

    private OpenAddressing() {}

    /** {@code hashCode} with every bit mixed into the low ones, which pick the slot. */
    static int spread(int hashCode) {
        int h = hashCode * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    /** The first slot probed for a {@link #spread} hash in a table of {@code mask + 1} slots. */
    static int firstSlot(int spreadHash, int mask) {
        return spreadHash & mask;
    }

    /** The slot probed after {@code slot} on the {@code step}-th probe, counting from 1. */
    static int nextSlot(int slot, int step, int mask) {
        return (slot + step) & mask;
    }

    /** The smallest capacity (a power of two, at least {@value #MIN_CAPACITY}) that holds {@code entries} unfilled. */
    static int capacityFor(int entries) {
        long wanted = Math.max(MIN_CAPACITY, (long) (entries / LOAD_FACTOR) + 1);
        if (wanted > MAX_CAPACITY) {
            throw tooMany();
        }
        return Integer.highestOneBit((int) wanted - 1) << 1;
    }

    /** Entries a table of {@code capacity} slots holds before it grows. */
    static int growThreshold(int capacity) {
        return (int) (capacity * LOAD_FACTOR);
    }

    /** The capacity a full table of {@code capacity} slots grows to; fails past {@value #MAX_CAPACITY} slots. */
    static int grownCapacity(int capacity) {
        if (capacity >= MAX_CAPACITY) {
            throw tooMany();
        }
        return capacity * 2;
    }

    private static IllegalStateException tooMany() {
        return new IllegalStateException("Cannot hold more than " + growThreshold(MAX_CAPACITY) + " keys");
    }
}
