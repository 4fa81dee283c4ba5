package dev.ember.shuffle;

import dev.ember.storage.BlockManagerId;
import java.io.Serializable;

/**
 * Where a map task's output is, and roughly how large each reduce partition of it is. Sizes are kept in one byte
 * each on a logarithmic scale (within 10%), which keeps the driver's bookkeeping small for large shuffles; zero
 * stays exactly zero, so empty blocks are never fetched.
 */
public final class MapStatus implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final double LOG_BASE = 1.1;

    private final BlockManagerId location;
    private final byte[] compressedSizes;
    private final long mapId;

    private MapStatus(BlockManagerId location, byte[] compressedSizes, long mapId) {
        this.location = location;
        this.compressedSizes = compressedSizes;
        this.mapId = mapId;
    }

    /** The status of map task attempt {@code mapId} at {@code location} with exact partition sizes. */
    public static MapStatus of(BlockManagerId location, long[] sizes, long mapId) {
        byte[] compressed = new byte[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            compressed[i] = compress(sizes[i]);
        }
        return new MapStatus(location, compressed, mapId);
    }

    /** A status with sizes already compressed (as read from a message); {@code compressedSizes} is not copied. */
    public static MapStatus ofCompressed(BlockManagerId location, byte[] compressedSizes, long mapId) {
        return new MapStatus(
                java.util.Objects.requireNonNull(location, "location is null"),
                java.util.Objects.requireNonNull(compressedSizes, "compressedSizes is null"),
                mapId);
    }

    /** The sizes as kept, one byte per reduce partition (a copy). */
    public byte[] compressedSizes() {
        return compressedSizes.clone();
    }

    static byte compress(long size) {
        if (size == 0) {
            return 0;
        }
        if (size <= 1) {
            return 1;
        }
        return (byte) Math.min(255, (int) Math.ceil(Math.log(size) / Math.log(LOG_BASE)));
    }

    static long decompress(byte compressed) {
        if (compressed == 0) {
            return 0;
        }
        return (long) Math.pow(LOG_BASE, compressed & 0xFF);
    }

    public BlockManagerId location() {
        return location;
    }

    /** The id of the map task attempt that wrote the output; names its files. */
    public long mapId() {
        return mapId;
    }

    /** The same output, now held by {@code newLocation} (its files were moved there). */
    public MapStatus withLocation(BlockManagerId newLocation) {
        return new MapStatus(newLocation, compressedSizes, mapId);
    }

    public int numPartitions() {
        return compressedSizes.length;
    }

    /** Approximate bytes of reduce partition {@code reduceId}; exactly 0 when empty. */
    public long sizeForBlock(int reduceId) {
        return decompress(compressedSizes[reduceId]);
    }

    @Override
    public String toString() {
        return "MapStatus(" + location + ", mapId=" + mapId + ")";
    }
}
