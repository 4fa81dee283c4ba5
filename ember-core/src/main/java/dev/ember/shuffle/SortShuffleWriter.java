package dev.ember.shuffle;

import dev.ember.Pair;
import dev.ember.PairShuffleDependency;
import dev.ember.collection.ExternalSorter;
import dev.ember.collection.SpillContext;
import dev.ember.shuffle.api.ShuffleMapOutputWriter;
import dev.ember.storage.BlockManagerId;
import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;

/**
 * The general map-side writer: records go into an {@link ExternalSorter} keyed by reduce partition (combined by
 * key first when the dependency asks for map-side aggregation, or ordered by key within each partition for a
 * {@link ShuffleHandle.WriterKind#SORT_BY_KEY} shuffle), which spills under memory pressure; the sorted result is
 * written partition by partition into one data file.
 */
final class SortShuffleWriter<K, V, C> implements ShuffleWriter<K, V> {
    private final PairShuffleDependency<K, V, C> dependency;
    private final long mapId;
    private final IndexShuffleBlockResolver resolver;
    private final SpillContext spill;
    private final BlockManagerId location;
    private final MapOutputWriterFactory outputs;

    private ExternalSorter<K, V, ?> sorter;
    private MapStatus status;

    SortShuffleWriter(
            PairShuffleDependency<K, V, C> dependency,
            long mapId,
            IndexShuffleBlockResolver resolver,
            SpillContext spill,
            BlockManagerId location,
            MapOutputWriterFactory outputs) {
        this.dependency = dependency;
        this.mapId = mapId;
        this.resolver = resolver;
        this.spill = spill;
        this.location = location;
        this.outputs = outputs;
    }

    @Override
    public void write(Iterator<? extends Pair<K, V>> records) throws IOException {
        long start = System.nanoTime();
        ExternalSorter<K, V, ?> created;
        if (dependency.mapSideCombine()) {
            created = new ExternalSorter<>(
                    spill,
                    dependency.aggregator().orElseThrow(),
                    dependency.partitioner(),
                    null,
                    dependency.serializer());
        } else if (dependency.handle().writer() == ShuffleHandle.WriterKind.SORT_BY_KEY) {
            created = ExternalSorter.forSortedMapOutput(
                    spill, dependency.partitioner(), dependency.keyOrdering().orElseThrow(), dependency.serializer());
        } else {
            created = new ExternalSorter<K, V, V>(spill, null, dependency.partitioner(), null, dependency.serializer());
        }
        sorter = created;
        created.insertAll(records);
        ShuffleMapOutputWriter output = outputs.create(
                dependency.shuffleId(), mapId, dependency.partitioner().numPartitions());
        long[] lengths;
        try {
            created.writePartitionedMapOutput(dependency.shuffleId(), mapId, output);
            lengths = output.commitAllPartitions().partitionLengths();
        } catch (IOException | RuntimeException e) {
            output.abort(e);
            throw e;
        }
        long total = 0;
        for (long length : lengths) {
            total += length;
        }
        spill.metrics().shuffleWriteMetrics().incBytesWritten(total);
        spill.metrics().shuffleWriteMetrics().incWriteTime(System.nanoTime() - start);
        status = MapStatus.of(location, lengths, mapId);
    }

    @Override
    public Optional<MapStatus> stop(boolean success) {
        if (sorter != null) {
            spill.metrics().setPeakExecutionMemory(sorter.peakMemoryUsed());
            sorter.stop();
            sorter = null;
        }
        if (!success) {
            resolver.removeDataByMap(dependency.shuffleId(), mapId);
            return Optional.empty();
        }
        return Optional.ofNullable(status);
    }
}
