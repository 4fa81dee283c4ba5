package dev.ember.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.bench.workload.Checks;
import dev.ember.bench.workload.Gen;
import dev.ember.bench.workload.Params;
import dev.ember.bench.workload.Result;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The pieces both engines' runs rely on: the wire encoding, answer comparison, data generation, statistics. */
class WorkloadSupportTest {
    @Test
    void paramsSurviveTheWireWithSpacesAndSymbols() {
        Params params = Params.of("path", "/tmp/a dir/with=sign&more", "records", 20_000_000L, "skew", 0.8);
        Params decoded = Params.decode(params.encode());
        assertThat(decoded).isEqualTo(params);
        assertThat(decoded.getLong("records")).isEqualTo(20_000_000L);
        assertThat(decoded.getDouble("skew")).isEqualTo(0.8);
        assertThat(params.encode()).doesNotContain("a dir");
    }

    @Test
    void badParamsSayWhatIsWrong() {
        assertThatThrownBy(() -> Params.of("a", 1).getLong("b")).hasMessageContaining("missing parameter 'b'");
        assertThatThrownBy(() -> Params.of("a", "x").getLong("a")).hasMessageContaining("not a whole number: 'x'");
        assertThatThrownBy(() -> Params.decode("novalue")).hasMessageContaining("expected name=value, got 'novalue'");
    }

    @Test
    void resultsCompareExactlyExceptDecimalsWithinTolerance() {
        Result a = new Result().put("count", 10L).put("sum", 1.0).put("top", "x");
        Result same = Result.decode(a.encode());
        assertThat(Result.differences(a, same, 1e-9)).isEmpty();

        Result close = new Result().put("count", 10L).put("sum", 1.0 + 1e-12).put("top", "x");
        assertThat(Result.differences(a, close, 1e-9)).isEmpty();

        Result far = new Result().put("count", 11L).put("sum", 1.001).put("top", "y");
        assertThat(Result.differences(a, far, 1e-9)).hasSize(3);

        Result fewer = new Result().put("count", 10L);
        assertThat(Result.differences(a, fewer, 1e-9))
                .singleElement()
                .asString()
                .contains("fields differ");
    }

    @Test
    void generatedPairsAreDeterministicSplitExactlyAndSkewed() {
        int partitions = 7;
        long records = 100_003;
        long total = 0;
        long[] counts = new long[1000];
        for (int p = 0; p < partitions; p++) {
            List<long[]> first =
                    drain(Gen.longPairs(42, records, partitions, p, 1000, 1.0, (k, v) -> new long[] {k, v}));
            List<long[]> again =
                    drain(Gen.longPairs(42, records, partitions, p, 1000, 1.0, (k, v) -> new long[] {k, v}));
            assertThat(first)
                    .usingElementComparator(WorkloadSupportTest::compare)
                    .isEqualTo(again);
            total += first.size();
            for (long[] pair : first) {
                assertThat(pair[0]).isBetween(0L, 999L);
                assertThat(pair[1]).isBetween(0L, 999L);
                counts[(int) pair[0]]++;
            }
        }
        assertThat(total).isEqualTo(records);
        // Zipf with exponent 1 over 1000 ranks: rank 0 has weight 1/H(1000) ~ 13.4%, rank 9 a tenth of that.
        assertThat(counts[0]).isBetween((long) (records * 0.12), (long) (records * 0.15));
        assertThat(counts[0]).isGreaterThan(counts[9] * 8);
    }

    @Test
    void zipfOfOneRankAlwaysSamplesIt() {
        Gen.Zipf zipf = Gen.zipf(1, 1.2);
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 100; i++) {
            assertThat(zipf.sample(random)).isZero();
        }
    }

    @Test
    void teraRecordsHaveTheRightShapeAndDistinctIndexes() {
        Set<Long> indexes = new HashSet<>();
        long records = 1000;
        for (int p = 0; p < 3; p++) {
            Iterator<byte[][]> it = Gen.teraRecords(7, records, 3, p, (k, v) -> new byte[][] {k, v});
            while (it.hasNext()) {
                byte[][] record = it.next();
                assertThat(record[0]).hasSize(Gen.TERA_KEY_BYTES);
                assertThat(record[1]).hasSize(Gen.TERA_VALUE_BYTES);
                long index = 0;
                for (int i = 0; i < 8; i++) {
                    index = (index << 8) | (record[1][i] & 0xff);
                }
                indexes.add(index);
            }
        }
        assertThat(indexes).hasSize((int) records).allMatch(i -> i >= 0 && i < records);
    }

    @Test
    void sortCheckFindsDisorderAcrossPartitions() {
        byte[] low = {0, 1};
        byte[] high = {(byte) 0xf0, 0};
        List<byte[][]> first = List.<byte[][]>of(new byte[][] {low, low}, new byte[][] {high, low});
        List<byte[][]> second = List.<byte[][]>of(new byte[][] {low, high});
        List<Checks.SortSummary> summaries = List.of(
                Checks.SortSummary.of(0, first.iterator(), r -> r[0], r -> r[1]),
                Checks.SortSummary.of(1, second.iterator(), r -> r[0], r -> r[1]));
        assertThatThrownBy(() -> Checks.SortSummary.check(summaries))
                .hasMessageContaining("partition 0 ends with f000 after partition 1 starts with 0001");
        List<byte[][]> unsorted = List.<byte[][]>of(new byte[][] {high, low}, new byte[][] {low, low});
        assertThatThrownBy(() -> Checks.SortSummary.check(
                        List.of(Checks.SortSummary.of(0, unsorted.iterator(), r -> r[0], r -> r[1]))))
                .hasMessageContaining("partition 0 is not sorted inside");
        List<Checks.SortSummary> ordered = List.of(
                Checks.SortSummary.of(0, second.iterator(), r -> r[0], r -> r[1]),
                Checks.SortSummary.of(1, first.iterator(), r -> r[0], r -> r[1]));
        assertThat(Checks.SortSummary.check(ordered).values()).containsEntry("records", 3L);
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertThat(Report.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
        assertThat(Report.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
        assertThat(Report.median(List.of())).isNaN();
    }

    private static <T> List<T> drain(Iterator<T> iterator) {
        List<T> all = new ArrayList<>();
        iterator.forEachRemaining(all::add);
        return all;
    }

    private static int compare(long[] a, long[] b) {
        return java.util.Arrays.compare(a, b);
    }
}
