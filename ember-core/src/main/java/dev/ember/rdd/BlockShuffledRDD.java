package dev.ember.rdd;

import static java.util.Objects.requireNonNull;

import dev.ember.BlockShuffleDependency;
import dev.ember.Dependency;
import dev.ember.Partition;
import dev.ember.RDD;
import dev.ember.TaskContext;
import dev.ember.executor.TaskContextImpl;
import dev.ember.shuffle.api.BlockShuffleReader;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The reduce side of a block shuffle: partition {@code i} is what {@code reader} makes of the blocks that the map
 * tasks of {@code dependency} wrote for reduce partition {@code i}, one block per map output that wrote to it.
 *
 * <pre>{@code
 * BlockShuffleDependency<byte[]> shuffle = new BlockShuffleDependency<>(rows, 8, (records, partitions) -> {
 *     while (records.hasNext()) {
 *         byte[] row = records.next();
 *         DataOutputStream out = new DataOutputStream(partitions.partition(Math.floorMod(Arrays.hashCode(row), 8)));
 *         out.writeInt(row.length);
 *         out.write(row);
 *     }
 * });
 * RDD<byte[]> exchanged = new BlockShuffledRDD<>(shuffle, blocks -> readLengthPrefixed(blocks));
 * }</pre>
 *
 * @param <T> the element type of the shuffled RDD
 * @param <U> the element type of this RDD
 */
public final class BlockShuffledRDD<T, U> extends RDD<U> {
    private static final long serialVersionUID = 1L;

    private final BlockShuffleDependency<T> dependency;
    private final BlockShuffleReader<U> reader;
    private final List<ReadSpec> specs;

    /**
     * What one partition of this RDD reads: reduce partitions {@code [startReducer, endReducer)} of the map outputs
     * {@code [startMap, endMap)}. A partition per reduce partition of every map output is the plain shuffle read;
     * adaptive execution reads several small reduce partitions as one, or one large one in pieces of map outputs.
     */
    public record ReadSpec(int startMap, int endMap, int startReducer, int endReducer) implements Serializable {
        public ReadSpec {
            if (startMap < 0 || endMap <= startMap || startReducer < 0 || endReducer <= startReducer) {
                throw new IllegalArgumentException("Empty or negative shuffle read: maps [" + startMap + ", " + endMap
                        + "), reduce partitions [" + startReducer + ", " + endReducer + ")");
            }
        }

        /** Reduce partitions {@code [startReducer, endReducer)} of every one of {@code numMaps} map outputs. */
        public static ReadSpec coalesced(int numMaps, int startReducer, int endReducer) {
            return new ReadSpec(0, Math.max(1, numMaps), startReducer, endReducer);
        }
    }

    private record BlockPartition(int index, ReadSpec spec) implements Partition {}

    public BlockShuffledRDD(BlockShuffleDependency<T> dependency, BlockShuffleReader<U> reader) {
        this(dependency, reader, null);
    }

    /**
     * A read of {@code dependency} whose partition {@code i} reads {@code specs.get(i)}; null specs read each reduce
     * partition whole, as its own partition.
     */
    public BlockShuffledRDD(BlockShuffleDependency<T> dependency, BlockShuffleReader<U> reader, List<ReadSpec> specs) {
        super(dependency.rdd().context(), List.of(dependency));
        this.dependency = dependency;
        this.reader = requireNonNull(reader, "reader is null");
        if (specs != null) {
            for (ReadSpec spec : specs) {
                if (spec.endMap() > Math.max(1, dependency.numMapPartitions())
                        || spec.endReducer() > dependency.numPartitions()) {
                    throw new IllegalArgumentException(spec + " is outside shuffle " + dependency.shuffleId() + " ("
                            + dependency.numMapPartitions() + " maps, " + dependency.numPartitions()
                            + " reduce partitions)");
                }
            }
            this.specs = List.copyOf(specs);
        } else {
            this.specs = null;
        }
    }

    @Override
    protected List<Partition> getPartitions() {
        int count = specs == null ? dependency.numPartitions() : specs.size();
        List<Partition> partitions = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            partitions.add(new BlockPartition(
                    i, specs == null ? ReadSpec.coalesced(dependency.numMapPartitions(), i, i + 1) : specs.get(i)));
        }
        return partitions;
    }

    @Override
    protected Iterator<U> compute(Partition split, TaskContext context) {
        TaskContextImpl task = (TaskContextImpl) context;
        ReadSpec spec = ((BlockPartition) split).spec();
        return reader.read(task.env()
                .shuffleManager()
                .readBlocks(
                        dependency.handle(),
                        spec.startMap(),
                        spec.endMap(),
                        spec.startReducer(),
                        spec.endReducer(),
                        context,
                        task.spillContext()));
    }

    /** The shuffle this RDD reads. */
    public BlockShuffleDependency<T> shuffleDependency() {
        return dependency;
    }

    @Override
    protected List<Dependency<?>> getDependencies() {
        return List.of(dependency);
    }
}
