package dev.ember.sql.execution.adaptive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.MapOutputStatistics;
import dev.ember.rdd.BlockShuffledRDD.ReadSpec;
import dev.ember.shuffle.MapStatus;
import dev.ember.storage.BlockManagerId;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** How computed stages are read: coalesced ranges and skewed partitions in pieces, checked for coverage. */
class StageReadsTest {
    private static final long MIB = 1024 * 1024;

    private static AdaptiveSettings settings(long advisory, double factor, long skewThreshold) {
        return new AdaptiveSettings(true, advisory, 1, 2, true, factor, skewThreshold, -1, 8);
    }

    /** A stage whose map output {@code m} wrote {@code sizes[m][r]} bytes to reduce partition {@code r}. */
    private static MapOutputStatistics stage(long[][] sizes) {
        MapStatus[] statuses = new MapStatus[sizes.length];
        for (int map = 0; map < sizes.length; map++) {
            statuses[map] = MapStatus.of(new BlockManagerId("exec", "host", 1), sizes[map], map);
        }
        return new MapOutputStatistics(7, statuses, sizes[0].length);
    }

    private static long[][] uniform(int maps, int partitions, long bytes) {
        long[][] sizes = new long[maps][partitions];
        for (long[] row : sizes) {
            java.util.Arrays.fill(row, bytes);
        }
        return sizes;
    }

    /** Every (map, reduce partition) pair is read exactly once by the specs. */
    private static void assertCoversOnce(List<ReadSpec> specs, int maps, int partitions) {
        int[][] reads = new int[maps][partitions];
        for (ReadSpec spec : specs) {
            for (int map = spec.startMap(); map < spec.endMap(); map++) {
                for (int reducer = spec.startReducer(); reducer < spec.endReducer(); reducer++) {
                    reads[map][reducer]++;
                }
            }
        }
        for (int[] row : reads) {
            assertThat(row).containsOnly(1);
        }
    }

    @Test
    void smallPartitionsAreReadTogetherInTheSameRangesOnEverySide() {
        MapOutputStatistics left = stage(uniform(3, 40, 10_000));
        MapOutputStatistics right = stage(uniform(5, 40, 2_000));
        // 40 partitions of 30 kB and 10 kB: 1.6 MB in all, at least 1 MB each, so two ranges.
        List<List<ReadSpec>> specs = StageReads.coalesce(List.of(left, right), 1 * MIB);
        assertThat(specs).hasSize(2);
        assertThat(specs.get(0)).hasSameSizeAs(specs.get(1)).hasSizeBetween(1, 3);
        for (int i = 0; i < specs.get(0).size(); i++) {
            assertThat(specs.get(0).get(i).startReducer())
                    .isEqualTo(specs.get(1).get(i).startReducer());
            assertThat(specs.get(0).get(i).endReducer())
                    .isEqualTo(specs.get(1).get(i).endReducer());
        }
        assertCoversOnce(specs.get(0), 3, 40);
        assertCoversOnce(specs.get(1), 5, 40);
    }

    @Test
    void partitionsAlreadyAtTheTargetAreLeftAsTheyAre() {
        MapOutputStatistics big = stage(uniform(2, 6, 40 * MIB));
        assertThat(StageReads.coalesce(List.of(big), 64 * MIB)).isNull();
        // The target keeps at least minPartitions partitions while they stay above the minimum size.
        AdaptiveSettings settings = new AdaptiveSettings(true, 64 * MIB, 1, 4, true, 5, 1, -1, 8);
        assertThat(settings.coalesceTarget(400 * MIB)).isEqualTo(64 * MIB);
        assertThat(settings.coalesceTarget(40 * MIB)).isEqualTo(10 * MIB);
        assertThat(new AdaptiveSettings(true, 64 * MIB, MIB, 4, true, 5, 1, -1, 8).coalesceTarget(1000))
                .isEqualTo(MIB);
    }

    @Test
    void aSkewedPartitionIsReadInPiecesOfMapOutputsEachMeetingTheWholeOtherSide() {
        long[][] leftSizes = uniform(10, 8, 1_000);
        for (int map = 0; map < 10; map++) {
            leftSizes[map][3] = 100_000;
        }
        MapOutputStatistics left = stage(leftSizes);
        MapOutputStatistics right = stage(uniform(4, 8, 1_000));
        List<List<ReadSpec>> specs = StageReads.splitSkewed(left, right, true, true, settings(250_000, 5, 10_000));
        assertThat(specs).isNotNull();
        List<ReadSpec> leftSpecs = specs.get(0);
        List<ReadSpec> rightSpecs = specs.get(1);
        assertThat(leftSpecs).hasSameSizeAs(rightSpecs);
        // Partition 3 (about 1 MB) in pieces of about 250 kB: four or five tasks, each with all of the right's 3.
        List<ReadSpec> pieces = leftSpecs.stream()
                .filter(spec -> spec.startReducer() == 3 && spec.endReducer() == 4)
                .toList();
        assertThat(pieces).hasSizeBetween(4, 5);
        for (int i = 0; i < leftSpecs.size(); i++) {
            if (leftSpecs.get(i).startReducer() == 3) {
                assertThat(rightSpecs.get(i)).isEqualTo(ReadSpec.coalesced(4, 3, 4));
            }
        }
        assertCoversOnce(leftSpecs, 10, 8);
        // The right side's partition 3 is read once per piece; every other of its partitions once.
        long rightReadsOf3 =
                rightSpecs.stream().filter(spec -> spec.startReducer() == 3).count();
        assertThat(rightReadsOf3).isEqualTo(pieces.size());
    }

    @Test
    void aSideTheJoinCannotSplitIsNotSplitAndNothingSkewedIsNull() {
        long[][] rightSizes = uniform(6, 8, 1_000);
        for (int map = 0; map < 6; map++) {
            rightSizes[map][5] = 200_000;
        }
        MapOutputStatistics left = stage(uniform(6, 8, 1_000));
        MapOutputStatistics right = stage(rightSizes);
        // Skewed on the right, but a left outer join only splits its left side.
        assertThat(StageReads.splitSkewed(left, right, true, false, settings(100_000, 5, 10_000)))
                .isNull();
        assertThat(StageReads.splitSkewed(left, left, true, true, settings(100_000, 5, 10_000)))
                .isNull();
    }

    @Test
    void randomStagesAreAlwaysReadCompletelyAndAligned() {
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            int partitions = 1 + random.nextInt(30);
            int leftMaps = 1 + random.nextInt(8);
            int rightMaps = 1 + random.nextInt(8);
            long[][] leftSizes = new long[leftMaps][partitions];
            long[][] rightSizes = new long[rightMaps][partitions];
            for (long[] row : leftSizes) {
                for (int r = 0; r < partitions; r++) {
                    row[r] = random.nextInt(10) == 0 ? random.nextInt(1_000_000) : random.nextInt(5_000);
                }
            }
            for (long[] row : rightSizes) {
                for (int r = 0; r < partitions; r++) {
                    row[r] = random.nextInt(4) == 0 ? 0 : random.nextInt(20_000);
                }
            }
            MapOutputStatistics left = stage(leftSizes);
            MapOutputStatistics right = stage(rightSizes);
            AdaptiveSettings settings = settings(1 + random.nextInt(200_000), 2, 1 + random.nextInt(50_000));
            List<List<ReadSpec>> split =
                    StageReads.splitSkewed(left, right, random.nextBoolean(), random.nextBoolean(), settings);
            if (split != null) {
                assertThat(split.get(0)).hasSameSizeAs(split.get(1));
                assertCoversOnce(split.get(0).stream().distinct().toList(), leftMaps, partitions);
                assertCoversOnce(split.get(1).stream().distinct().toList(), rightMaps, partitions);
                for (int i = 0; i < split.get(0).size(); i++) {
                    ReadSpec l = split.get(0).get(i);
                    ReadSpec r = split.get(1).get(i);
                    // Either the same range of reduce partitions, or pieces of one skewed partition.
                    assertThat(l.startReducer()).isEqualTo(r.startReducer());
                    assertThat(l.endReducer()).isEqualTo(r.endReducer());
                }
            }
            List<List<ReadSpec>> coalesced =
                    StageReads.coalesce(List.of(left, right), settings.coalesceTarget(left.totalBytes()));
            if (coalesced != null) {
                assertCoversOnce(coalesced.get(0), leftMaps, partitions);
                assertCoversOnce(coalesced.get(1), rightMaps, partitions);
            }
        }
    }
}
