package dev.ember.examples;

import dev.ember.EmberConf;
import dev.ember.EmberContext;
import dev.ember.Pair;
import dev.ember.PairRDD;
import dev.ember.RDD;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * Generates 100-byte records (a 10-byte key and a 90-byte value, as in the TeraSort benchmark) deterministically
 * from a seed, sorts them by key, and checks that the result is globally sorted and complete.
 *
 * <pre>bin/ember run-example TeraSort &lt;records&gt; [partitions]</pre>
 */
public final class TeraSort {
    public static final int KEY_BYTES = 10;
    public static final int VALUE_BYTES = 90;

    private TeraSort() {}

    public static void main(String[] args) {
        if (args.length < 1 || args.length > 2) {
            System.err.println("Usage: TeraSort <records> [partitions]");
            throw new IllegalArgumentException("expected a record count");
        }
        long records = Long.parseLong(args[0]);
        EmberConf conf =
                new EmberConf().setIfMissing("ember.master", "local[*]").setIfMissing("ember.app.name", "TeraSort");
        try (EmberContext ctx = new EmberContext(conf)) {
            int partitions = args.length == 2 ? Integer.parseInt(args[1]) : ctx.defaultParallelism();
            Result result = sortAndValidate(ctx, records, partitions, 42);
            System.out.println("Sorted " + result.records() + " records into " + result.partitions() + " partitions: "
                    + (result.sorted() ? "globally sorted" : "NOT SORTED"));
            if (!result.sorted() || result.records() != records) {
                throw new IllegalStateException("Sort validation failed: " + result);
            }
        }
    }

    /** What the validation found. */
    public record Result(long records, int partitions, boolean sorted) {}

    /** Generates, sorts and validates {@code records} records. */
    public static Result sortAndValidate(EmberContext ctx, long records, int partitions, long seed) {
        PairRDD<ByteKey, byte[]> sorted =
                generate(ctx, records, partitions, seed).sortByKey(true, partitions);
        // Each partition reports its first key, last key, count and whether it is sorted inside.
        List<Object[]> summaries = sorted.mapPartitions(values -> {
                    ByteKey first = null;
                    ByteKey previous = null;
                    long count = 0;
                    boolean ordered = true;
                    while (values.hasNext()) {
                        ByteKey key = values.next().key();
                        if (first == null) {
                            first = key;
                        }
                        if (previous != null && previous.compareTo(key) > 0) {
                            ordered = false;
                        }
                        previous = key;
                        count++;
                    }
                    return List.<Object[]>of(new Object[] {first, previous, count, ordered})
                            .iterator();
                })
                .collect();
        long total = 0;
        boolean globallySorted = true;
        ByteKey lastOfPrevious = null;
        for (Object[] summary : summaries) {
            total += (Long) summary[2];
            globallySorted &= (Boolean) summary[3];
            ByteKey first = (ByteKey) summary[0];
            if (first != null) {
                if (lastOfPrevious != null && lastOfPrevious.compareTo(first) > 0) {
                    globallySorted = false;
                }
                lastOfPrevious = (ByteKey) summary[1];
            }
        }
        return new Result(total, summaries.size(), globallySorted);
    }

    /** {@code records} random records in {@code partitions} partitions, the same for the same seed. */
    public static PairRDD<ByteKey, byte[]> generate(EmberContext ctx, long records, int partitions, long seed) {
        RDD<Long> slices = ctx.range(0, partitions, 1, partitions);
        return slices.flatMapToPair(slice -> {
            long from = records * slice / partitions;
            long to = records * (slice + 1) / partitions;
            SplittableRandom random = new SplittableRandom(seed * 1_000_003 + slice);
            return new Iterator<Pair<ByteKey, byte[]>>() {
                private long next = from;

                @Override
                public boolean hasNext() {
                    return next < to;
                }

                @Override
                public Pair<ByteKey, byte[]> next() {
                    if (next >= to) {
                        throw new NoSuchElementException();
                    }
                    byte[] key = new byte[KEY_BYTES];
                    random.nextBytes(key);
                    byte[] value = new byte[VALUE_BYTES];
                    ByteBuffer.wrap(value).putLong(next);
                    Arrays.fill(value, 8, VALUE_BYTES, (byte) ('A' + (next % 26)));
                    next++;
                    return Pair.of(new ByteKey(key), value);
                }
            };
        });
    }

    /** A byte-array key compared as unsigned bytes, as TeraSort does. */
    public static final class ByteKey implements Comparable<ByteKey>, java.io.Serializable {
        private static final long serialVersionUID = 1L;

        private final byte[] bytes;

        public ByteKey(byte[] bytes) {
            this.bytes = bytes;
        }

        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public int compareTo(ByteKey other) {
            return Arrays.compareUnsigned(bytes, other.bytes);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof ByteKey key && Arrays.equals(bytes, key.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return new java.math.BigInteger(1, bytes).toString(16);
        }
    }
}
