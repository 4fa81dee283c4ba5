package dev.ember.bench.workload;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * How each workload's output is reduced to a {@link Result} that does not depend on partitioning or task order,
 * so that two engines' answers can be compared exactly. Shared by both engines' code.
 */
public final class Checks {
    private Checks() {}

    /**
     * A partition's record count and the wrapping sum of its records' hashes: order does not matter. A plain
     * class rather than a record, because Spark's Kryo cannot build records.
     */
    public static final class Tally implements Serializable {
        private long count;
        private long checksum;

        public Tally() {}

        public static <T> Tally of(Iterator<T> records, ToLongFunction<T> hash) {
            Tally tally = new Tally();
            while (records.hasNext()) {
                tally.checksum += hash.applyAsLong(records.next());
                tally.count++;
            }
            return tally;
        }

        public static Result total(List<Tally> tallies, String countName) {
            long count = 0;
            long sum = 0;
            for (Tally tally : tallies) {
                count += tally.count;
                sum += tally.checksum;
            }
            return new Result().put(countName, count).put("checksum", sum);
        }
    }

    /** Ascending by count, then descending by word: {@code top(n)} gives the most frequent words, ties by word. */
    public static int compareWordCounts(String word1, long count1, String word2, long count2) {
        int byCount = Long.compare(count1, count2);
        return byCount != 0 ? byCount : word2.compareTo(word1);
    }

    public static Result topWords(List<String> words, List<Long> counts) {
        StringBuilder all = new StringBuilder();
        long total = 0;
        for (int i = 0; i < words.size(); i++) {
            all.append(words.get(i)).append(':').append(counts.get(i)).append(',');
            total += counts.get(i);
        }
        return new Result()
                .put("words", words.size())
                .put("first", words.isEmpty() ? "" : words.get(0) + ":" + counts.get(0))
                .put("topTotal", total)
                .put("digest", Gen.hash(all.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** Count, total and the five highest ranks (ties by node id) of a PageRank result. */
    public static Result ranks(long[] nodes, double[] ranks) {
        Integer[] order = new Integer[nodes.length];
        double total = 0;
        for (int i = 0; i < nodes.length; i++) {
            order[i] = i;
            total += ranks[i];
        }
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -ranks[i]).thenComparingLong(i -> nodes[i]));
        Result result = new Result().put("nodes", nodes.length).put("rankSum", total);
        for (int i = 0; i < Math.min(5, order.length); i++) {
            result.put("top" + (i + 1), String.valueOf(nodes[order[i]]));
            result.put("rank" + (i + 1), ranks[order[i]]);
        }
        return result;
    }

    /** One sorted partition: its bounds, whether it is sorted inside, and a tally of its records. */
    public static final class SortSummary implements Serializable {
        private int partition;
        private long count;
        private long checksum;
        private byte[] first;
        private byte[] last;
        private boolean sorted = true;

        public SortSummary() {}

        public static <T> SortSummary of(
                int partition, Iterator<T> records, Function<T, byte[]> key, Function<T, byte[]> value) {
            SortSummary summary = new SortSummary();
            summary.partition = partition;
            while (records.hasNext()) {
                T record = records.next();
                byte[] k = key.apply(record);
                if (summary.first == null) {
                    summary.first = k;
                }
                if (summary.last != null && Gen.compareKeys(summary.last, k) > 0) {
                    summary.sorted = false;
                }
                summary.last = k;
                summary.checksum += Gen.hash(Gen.hash(k), Gen.hash(value.apply(record)));
                summary.count++;
            }
            return summary;
        }

        /** Checks global order across partitions, or throws saying where it breaks. */
        public static Result check(List<SortSummary> summaries) {
            List<SortSummary> ordered = new ArrayList<>(summaries);
            ordered.sort(Comparator.comparingInt(summary -> summary.partition));
            long count = 0;
            long sum = 0;
            byte[] previousLast = null;
            int previousPartition = -1;
            HexFormat hex = HexFormat.of();
            for (SortSummary summary : ordered) {
                if (!summary.sorted) {
                    throw new IllegalStateException("partition " + summary.partition + " is not sorted inside");
                }
                if (summary.count > 0) {
                    if (previousLast != null && Gen.compareKeys(previousLast, summary.first) > 0) {
                        throw new IllegalStateException("partition " + previousPartition + " ends with "
                                + hex.formatHex(previousLast) + " after partition " + summary.partition
                                + " starts with " + hex.formatHex(summary.first));
                    }
                    previousLast = summary.last;
                    previousPartition = summary.partition;
                }
                count += summary.count;
                sum += summary.checksum;
            }
            return new Result().put("records", count).put("checksum", sum).put("globallySorted", "yes");
        }
    }

    /** Parses an edge line "source target". */
    public static long edgeSource(String line) {
        int space = line.indexOf(' ');
        return Long.parseLong(line, 0, space, 10);
    }

    public static long edgeTarget(String line) {
        int space = line.indexOf(' ');
        return Long.parseLong(line, space + 1, line.length(), 10);
    }
}
