package dev.ember.rdd;

import static java.util.Objects.requireNonNull;

import dev.ember.BlockShuffleDependency;
import dev.ember.Dependency;
import dev.ember.Partition;
import dev.ember.RDD;
import dev.ember.TaskContext;
import dev.ember.executor.TaskContextImpl;
import dev.ember.shuffle.api.BlockShuffleReader;
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

    private record BlockPartition(int index) implements Partition {}

    public BlockShuffledRDD(BlockShuffleDependency<T> dependency, BlockShuffleReader<U> reader) {
        super(dependency.rdd().context(), List.of(dependency));
        this.dependency = dependency;
        this.reader = requireNonNull(reader, "reader is null");
    }

    @Override
    protected List<Partition> getPartitions() {
        List<Partition> partitions = new ArrayList<>(dependency.numPartitions());
        for (int i = 0; i < dependency.numPartitions(); i++) {
            partitions.add(new BlockPartition(i));
        }
        return partitions;
    }

    @Override
    protected Iterator<U> compute(Partition split, TaskContext context) {
        TaskContextImpl task = (TaskContextImpl) context;
        return reader.read(task.env()
                .shuffleManager()
                .readBlocks(dependency.handle(), split.index(), split.index() + 1, context, task.spillContext()));
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
