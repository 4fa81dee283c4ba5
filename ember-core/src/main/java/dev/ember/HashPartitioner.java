package dev.ember;

/**
 * Puts a key in partition {@code key.hashCode() mod numPartitions} (never negative); null goes to partition 0.
 * Arrays are refused as keys: their hash codes are identities, so equal arrays would land apart.
 */
public final class HashPartitioner extends Partitioner {
    private static final long serialVersionUID = 1L;

    private final int partitions;

    public HashPartitioner(int partitions) {
        // Zero partitions could place no key: a shuffle into them would silently drop every record.
        if (partitions < 1) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT, "Number of partitions (" + partitions + ") must be positive");
        }
        this.partitions = partitions;
    }

    @Override
    public int numPartitions() {
        return partitions;
    }

    @Override
    public int getPartition(Object key) {
        if (key == null) {
            return 0;
        }
        if (key.getClass().isArray()) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "HashPartitioner cannot partition array keys ("
                            + key.getClass().getSimpleName() + "): equal"
                            + " arrays have different hash codes. Use a List or a record as the key.");
        }
        return nonNegativeMod(key.hashCode(), partitions);
    }

    static int nonNegativeMod(int value, int modulus) {
        int raw = value % modulus;
        return raw < 0 ? raw + modulus : raw;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HashPartitioner hash && hash.partitions == partitions;
    }

    @Override
    public int hashCode() {
        return partitions;
    }

    @Override
    public String toString() {
        return "HashPartitioner(" + partitions + ")";
    }
}
