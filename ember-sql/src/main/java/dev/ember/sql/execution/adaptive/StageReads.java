package dev.ember.sql.execution.adaptive;

import dev.ember.MapOutputStatistics;
import dev.ember.rdd.BlockShuffledRDD.ReadSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How to read computed stages that feed the same operator, from their sizes: reduce partitions read together until
 * they reach the coalescing target, and — for the two sides of a join — a skewed reduce partition read in pieces of
 * its map outputs, each piece with the whole matching partition of the other side. Partition {@code i} of every stage
 * of a group covers the same reduce partitions, so keys still meet.
 */
final class StageReads {
    private StageReads() {}

    /**
     * One list of specs per stage, all of the same length: consecutive reduce partitions together up to {@code
     * target} bytes (summed over the stages); null when that changes nothing.
     */
    static List<List<ReadSpec>> coalesce(List<MapOutputStatistics> stages, long target) {
        int partitions = stages.get(0).numPartitions();
        long[] sizes = new long[partitions];
        for (MapOutputStatistics stage : stages) {
            for (int reducer = 0; reducer < partitions; reducer++) {
                sizes[reducer] += stage.bytes(reducer);
            }
        }
        List<int[]> ranges = ranges(sizes, 0, partitions, target);
        if (ranges.size() == partitions) {
            return null;
        }
        List<List<ReadSpec>> specs = new ArrayList<>();
        for (MapOutputStatistics stage : stages) {
            List<ReadSpec> own = new ArrayList<>();
            for (int[] range : ranges) {
                own.add(ReadSpec.coalesced(stage.numMaps(), range[0], range[1]));
            }
            specs.add(own);
        }
        return specs;
    }

    /** Reduce partitions {@code [from, to)} cut into consecutive ranges of at most {@code target} bytes (or one). */
    private static List<int[]> ranges(long[] sizes, int from, int to, long target) {
        List<int[]> ranges = new ArrayList<>();
        int start = from;
        long size = 0;
        for (int reducer = from; reducer < to; reducer++) {
            if (reducer > start && size + sizes[reducer] > target) {
                ranges.add(new int[] {start, reducer});
                start = reducer;
                size = 0;
            }
            size += sizes[reducer];
        }
        if (to > start) {
            ranges.add(new int[] {start, to});
        }
        return ranges;
    }

    /**
     * The specs of a join's two sides with skewed partitions split, the others coalesced; null when no partition is
     * skewed. A side is split only where the join allows ({@code splitLeft}, {@code splitRight}): pieces of a side
     * each meet the whole partition of the other, which is right when that side's rows are matched independently.
     */
    static List<List<ReadSpec>> splitSkewed(
            MapOutputStatistics left,
            MapOutputStatistics right,
            boolean splitLeft,
            boolean splitRight,
            AdaptiveSettings settings) {
        int partitions = left.numPartitions();
        long leftThreshold = skewThreshold(left, settings);
        long rightThreshold = skewThreshold(right, settings);
        boolean[] leftSkewed = new boolean[partitions];
        boolean[] rightSkewed = new boolean[partitions];
        boolean any = false;
        long[] sizes = new long[partitions];
        for (int reducer = 0; reducer < partitions; reducer++) {
            leftSkewed[reducer] = splitLeft && left.bytes(reducer) > leftThreshold;
            rightSkewed[reducer] = splitRight && right.bytes(reducer) > rightThreshold;
            any |= leftSkewed[reducer] || rightSkewed[reducer];
            sizes[reducer] = left.bytes(reducer) + right.bytes(reducer);
        }
        if (!any) {
            return null;
        }
        long leftPiece = pieceTarget(left, leftSkewed, settings);
        long rightPiece = pieceTarget(right, rightSkewed, settings);
        // A skewed partition smaller than a piece is read whole: nothing to split.
        boolean splits = false;
        for (int reducer = 0; reducer < partitions; reducer++) {
            leftSkewed[reducer] &= pieces(left, reducer, leftPiece).size() > 1;
            rightSkewed[reducer] &= pieces(right, reducer, rightPiece).size() > 1;
            splits |= leftSkewed[reducer] || rightSkewed[reducer];
        }
        if (!splits) {
            return null;
        }
        long target = settings.coalesceTarget(left.totalBytes() + right.totalBytes());
        List<ReadSpec> leftSpecs = new ArrayList<>();
        List<ReadSpec> rightSpecs = new ArrayList<>();
        int start = 0;
        for (int reducer = 0; reducer <= partitions; reducer++) {
            boolean skewed = reducer < partitions && (leftSkewed[reducer] || rightSkewed[reducer]);
            if (!skewed && reducer < partitions) {
                continue;
            }
            for (int[] range : ranges(sizes, start, reducer, target)) {
                leftSpecs.add(ReadSpec.coalesced(left.numMaps(), range[0], range[1]));
                rightSpecs.add(ReadSpec.coalesced(right.numMaps(), range[0], range[1]));
            }
            if (reducer < partitions) {
                List<ReadSpec> leftPieces = leftSkewed[reducer]
                        ? pieces(left, reducer, leftPiece)
                        : List.of(ReadSpec.coalesced(left.numMaps(), reducer, reducer + 1));
                List<ReadSpec> rightPieces = rightSkewed[reducer]
                        ? pieces(right, reducer, rightPiece)
                        : List.of(ReadSpec.coalesced(right.numMaps(), reducer, reducer + 1));
                for (ReadSpec leftSpec : leftPieces) {
                    for (ReadSpec rightSpec : rightPieces) {
                        leftSpecs.add(leftSpec);
                        rightSpecs.add(rightSpec);
                    }
                }
            }
            start = reducer + 1;
        }
        return List.of(leftSpecs, rightSpecs);
    }

    /** Larger than the factor times the median partition, and than the threshold. */
    static long skewThreshold(MapOutputStatistics stage, AdaptiveSettings settings) {
        long[] sizes = stage.bytesByPartitionId();
        Arrays.sort(sizes);
        long median = sizes.length == 0 ? 0 : sizes[sizes.length / 2];
        return Math.max((long) (median * settings.skewFactor()), settings.skewThresholdBytes());
    }

    /** The size of the pieces a skewed partition is cut into: the advisory size, or the mean of the others. */
    private static long pieceTarget(MapOutputStatistics stage, boolean[] skewed, AdaptiveSettings settings) {
        long sum = 0;
        int count = 0;
        for (int reducer = 0; reducer < skewed.length; reducer++) {
            if (!skewed[reducer]) {
                sum += stage.bytes(reducer);
                count++;
            }
        }
        return Math.max(settings.advisoryPartitionBytes(), count == 0 ? 1 : sum / count);
    }

    /** Reduce partition {@code reducer} in ranges of map outputs of about {@code target} bytes each. */
    private static List<ReadSpec> pieces(MapOutputStatistics stage, int reducer, long target) {
        List<ReadSpec> pieces = new ArrayList<>();
        int start = 0;
        long size = 0;
        for (int map = 0; map < stage.numMaps(); map++) {
            long bytes = stage.bytes(map, reducer);
            if (map > start && size + bytes > target) {
                pieces.add(new ReadSpec(start, map, reducer, reducer + 1));
                start = map;
                size = 0;
            }
            size += bytes;
        }
        pieces.add(new ReadSpec(start, Math.max(start + 1, stage.numMaps()), reducer, reducer + 1));
        return pieces;
    }
}
