package dev.ember.bench.workload;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Deterministic data for the workloads, generated inside each engine's tasks from a seed and a partition number,
 * so both engines see exactly the same records without reading them from disk. Records are built by a maker
 * the engine passes in (a Spark {@code Tuple2} or an Ember {@code Pair}); everything else is shared code.
 */
public final class Gen {
    private static final Map<String, Zipf> ZIPF_TABLES = new ConcurrentHashMap<>();

    private Gen() {}

    /** The SplitMix64 finalizer: a cheap, well-mixed 64-bit hash. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    public static long hash(long a, long b) {
        return mix(a * 0x9E3779B97F4A7C15L + b);
    }

    public static long hash(byte[] bytes) {
        long h = 0xcbf29ce484222325L;
        for (byte b : bytes) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return mix(h);
    }

    public static long partitionSeed(long seed, int partition) {
        return mix(seed ^ mix(partition + 1L));
    }

    /** The first record index of {@code partition} when {@code records} are spread evenly. */
    public static long firstRecord(long records, int partitions, int partition) {
        return Math.multiplyExact(records, (long) partition) / partitions;
    }

    /** Zipf-distributed ranks in {@code [0, n)} with exponent {@code s}, one table per JVM and shape. */
    public static Zipf zipf(int n, double s) {
        return ZIPF_TABLES.computeIfAbsent(n + ":" + s, ignored -> new Zipf(n, s));
    }

    /** Builds an engine's record from a generated key and value. */
    @FunctionalInterface
    public interface LongPairMaker<T> {
        T make(long key, long value);
    }

    /** Builds an engine's record from generated key and value bytes. */
    @FunctionalInterface
    public interface BytesPairMaker<T> {
        T make(byte[] key, byte[] value);
    }

    /**
     * One partition's share of {@code records} pairs: keys in {@code [0, keys)}, Zipf-skewed with exponent
     * {@code skew} (uniform when it is 0), values in {@code [0, 1000)}.
     */
    public static <T> Iterator<T> longPairs(
            long seed, long records, int partitions, int partition, int keys, double skew, LongPairMaker<T> maker) {
        long count = firstRecord(records, partitions, partition + 1) - firstRecord(records, partitions, partition);
        SplittableRandom random = new SplittableRandom(partitionSeed(seed, partition));
        Zipf zipf = skew > 0 ? zipf(keys, skew) : null;
        return new Iterator<>() {
            private long left = count;

            @Override
            public boolean hasNext() {
                return left > 0;
            }

            @Override
            public T next() {
                if (left <= 0) {
                    throw new NoSuchElementException();
                }
                left--;
                long key = zipf != null ? zipf.sample(random) : random.nextInt(keys);
                return maker.make(key, random.nextInt(1000));
            }
        };
    }

    /** The keys {@code [0, keys)} of one partition, each once, with a value derived from the key. */
    public static <T> Iterator<T> distinctKeys(int keys, int partitions, int partition, LongPairMaker<T> maker) {
        long first = firstRecord(keys, partitions, partition);
        long end = firstRecord(keys, partitions, partition + 1);
        return new Iterator<>() {
            private long next = first;

            @Override
            public boolean hasNext() {
                return next < end;
            }

            @Override
            public T next() {
                if (next >= end) {
                    throw new NoSuchElementException();
                }
                long key = next++;
                return maker.make(key, mix(key) & 0xffff);
            }
        };
    }

    public static final int TERA_KEY_BYTES = 10;
    public static final int TERA_VALUE_BYTES = 90;

    /**
     * One partition's share of TeraSort-style records: a random 10-byte key and a 90-byte value holding the
     * record's index and filler.
     */
    public static <T> Iterator<T> teraRecords(
            long seed, long records, int partitions, int partition, BytesPairMaker<T> maker) {
        long first = firstRecord(records, partitions, partition);
        long end = firstRecord(records, partitions, partition + 1);
        SplittableRandom random = new SplittableRandom(partitionSeed(seed, partition));
        return new Iterator<>() {
            private long index = first;

            @Override
            public boolean hasNext() {
                return index < end;
            }

            @Override
            public T next() {
                if (index >= end) {
                    throw new NoSuchElementException();
                }
                byte[] key = new byte[TERA_KEY_BYTES];
                random.nextBytes(key);
                byte[] value = new byte[TERA_VALUE_BYTES];
                long id = index++;
                for (int i = 0; i < 8; i++) {
                    value[i] = (byte) (id >>> (56 - 8 * i));
                }
                for (int i = 8; i < TERA_VALUE_BYTES; i++) {
                    value[i] = (byte) ('A' + (id + i) % 26);
                }
                return maker.make(key, value);
            }
        };
    }

    /** Unsigned lexicographic order of byte arrays, the order of TeraSort keys. */
    public static int compareKeys(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    /** Walker's alias method over Zipf weights {@code 1 / (rank + 1)^s}: one sample costs two random numbers. */
    public static final class Zipf {
        private final int n;
        private final double[] probability;
        private final int[] alias;

        Zipf(int n, double s) {
            if (n <= 0) {
                throw new IllegalArgumentException("Zipf needs at least one rank, got " + n);
            }
            this.n = n;
            double[] weights = new double[n];
            double total = 0;
            for (int i = 0; i < n; i++) {
                weights[i] = 1.0 / Math.pow(i + 1, s);
                total += weights[i];
            }
            probability = new double[n];
            alias = new int[n];
            int[] small = new int[n];
            int[] large = new int[n];
            int smallCount = 0;
            int largeCount = 0;
            double[] scaled = new double[n];
            for (int i = 0; i < n; i++) {
                scaled[i] = weights[i] * n / total;
                if (scaled[i] < 1.0) {
                    small[smallCount++] = i;
                } else {
                    large[largeCount++] = i;
                }
            }
            while (smallCount > 0 && largeCount > 0) {
                int less = small[--smallCount];
                int more = large[--largeCount];
                probability[less] = scaled[less];
                alias[less] = more;
                scaled[more] = scaled[more] + scaled[less] - 1.0;
                if (scaled[more] < 1.0) {
                    small[smallCount++] = more;
                } else {
                    large[largeCount++] = more;
                }
            }
            while (largeCount > 0) {
                probability[large[--largeCount]] = 1.0;
            }
            while (smallCount > 0) {
                probability[small[--smallCount]] = 1.0;
            }
        }

        public int size() {
            return n;
        }

        public int sample(SplittableRandom random) {
            int column = random.nextInt(n);
            return random.nextDouble() < probability[column] ? column : alias[column];
        }
    }
}
