package dev.ember.shuffle;

import dev.ember.BlockShuffleDependency;
import dev.ember.RDD;
import dev.ember.rdd.BlockShuffledRDD;
import dev.ember.shuffle.api.BlockShuffleReader;
import dev.ember.shuffle.api.BlockShuffleWriter;
import dev.ember.shuffle.api.ShuffleBlock;
import dev.ember.shuffle.api.ShufflePartitions;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * A user of the shuffle's block layer that is not records: byte arrays, each written as its length and its bytes to
 * the reduce partition of its hash, and read back from the blocks' streams. Shared by the local-mode and
 * local-cluster tests.
 */
public final class LengthPrefixedShuffle {
    private LengthPrefixedShuffle() {}

    /** The reduce partition of {@code bytes} among {@code partitions}. */
    public static int partitionOf(byte[] bytes, int partitions) {
        return Math.floorMod(Arrays.hashCode(bytes), partitions);
    }

    /** {@code count} arrays of 0 to 300 random bytes, the same for the same seed. */
    public static List<byte[]> arrays(int count, long seed) {
        Random random = new Random(seed);
        List<byte[]> arrays = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] bytes = new byte[random.nextInt(301)];
            random.nextBytes(bytes);
            arrays.add(bytes);
        }
        return arrays;
    }

    /** Arrays as sorted Base64 text, to compare collections of them. */
    public static List<String> canonical(List<byte[]> arrays) {
        List<String> text = new ArrayList<>(arrays.size());
        for (byte[] bytes : arrays) {
            text.add(Base64.getEncoder().encodeToString(bytes));
        }
        text.sort(null);
        return text;
    }

    /** The arrays of {@code source} exchanged into {@code partitions} reduce partitions by their hash. */
    public static BlockShuffledRDD<byte[], byte[]> exchange(RDD<byte[]> source, int partitions) {
        return new BlockShuffledRDD<>(
                new BlockShuffleDependency<>(source, partitions, new HashWriter()), new LengthPrefixedReader());
    }

    /** Writes each array to the partition of its hash: its length, then its bytes. */
    public static final class HashWriter implements BlockShuffleWriter<byte[]> {
        private static final long serialVersionUID = 1L;

        @Override
        public void write(Iterator<byte[]> records, ShufflePartitions partitions) throws IOException {
            DataOutputStream[] outputs = new DataOutputStream[partitions.numPartitions()];
            while (records.hasNext()) {
                byte[] bytes = records.next();
                int partition = partitionOf(bytes, outputs.length);
                if (outputs[partition] == null) {
                    outputs[partition] = new DataOutputStream(partitions.partition(partition));
                }
                outputs[partition].writeInt(bytes.length);
                outputs[partition].write(bytes);
            }
        }
    }

    /** Reads the arrays back, block after block, as the reduce task asks for them. */
    public static final class LengthPrefixedReader implements BlockShuffleReader<byte[]> {
        private static final long serialVersionUID = 1L;

        @Override
        public Iterator<byte[]> read(Iterator<ShuffleBlock> blocks) {
            return new Iterator<>() {
                private DataInputStream current;
                private byte[] next;

                @Override
                public boolean hasNext() {
                    while (next == null) {
                        if (current == null) {
                            if (!blocks.hasNext()) {
                                return false;
                            }
                            current = new DataInputStream(blocks.next().stream());
                        }
                        try {
                            int length = current.readInt();
                            next = new byte[length];
                            current.readFully(next);
                        } catch (EOFException end) {
                            current = null;
                            next = null;
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                    return true;
                }

                @Override
                public byte[] next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    byte[] value = next;
                    next = null;
                    return value;
                }
            };
        }
    }

    /** The arrays of each partition of {@code exchanged}, in partition order. */
    public static List<List<byte[]>> partitions(RDD<byte[]> exchanged) {
        return exchanged.glom().collect();
    }

    /** Checks that every array of partition {@code i} hashes to {@code i}; returns all arrays. */
    public static List<byte[]> checkedByPartition(List<List<byte[]>> partitions) {
        List<byte[]> all = new ArrayList<>();
        for (int i = 0; i < partitions.size(); i++) {
            for (byte[] bytes : partitions.get(i)) {
                if (partitionOf(bytes, partitions.size()) != i) {
                    throw new AssertionError("an array of partition " + partitionOf(bytes, partitions.size())
                            + " was read in partition " + i);
                }
                all.add(bytes);
            }
        }
        return all;
    }
}
