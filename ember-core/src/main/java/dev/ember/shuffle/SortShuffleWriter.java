package dev.ember.shuffle;

import dev.ember.Pair;
import dev.ember.collection.ExternalSorter;
import dev.ember.collection.SpillContext;
import dev.ember.shuffle.api.ShuffleMapOutputWriter;
import dev.ember.storage.BlockManagerId;
import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;

/**
 * The general map-side writer: records go into an {@link ExternalSorter} keyed by reduce partition (combined by
 * key first when the shuffle asks for map-side aggregation, or ordered by key within each partition for a
 * {@link ShuffleHandle.WriterKind#SORT_BY_KEY} shuffle), which spills under memory pressure; the sorted result is
 * written partition by partition into one data file.
 */
final class SortShuffleWriter<K, V, C> implements ShuffleWriter<K, V> {
    private final RecordShuffleHandle<K, V, C> shuffle;
    private final long mapId;
    private final IndexShuffleBlockResolver resolver;
    private final SpillContext spill;
    private final BlockManagerId location;
    private final MapOutputWriterFactory outputs;

    private ExternalSorter<K, V, ?> sorter;
    private MapStatus status;

    SortShuffleWriter(
            RecordShuffleHandle<K, V, C> shuffle,
            long mapId,
            IndexShuffleBlockResolver resolver,
            SpillContext spill,
            BlockManagerId location,
            MapOutputWriterFactory outputs) {
        this.shuffle = shuffle;
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
        if (shuffle.mapSideCombine()) {
            created = new ExternalSorter<>(
                    spill, shuffle.aggregator().orElseThrow(), shuffle.partitioner(), null, shuffle.serializer());
        } else if (shuffle.writerKind() == ShuffleHandle.WriterKind.SORT_BY_KEY) {
            created = ExternalSorter.forSortedMapOutput(
                    spill, shuffle.partitioner(), shuffle.keyOrdering().orElseThrow(), shuffle.serializer());
        } else {
            created = new ExternalSorter<K, V, V>(spill, null, shuffle.partitioner(), null, shuffle.serializer());
        }
        sorter = created;
        created.insertAll(records);
        ShuffleMapOutputWriter output =
                outputs.create(shuffle.shuffleId(), mapId, shuffle.partitioner().numPartitions());
        long[] lengths;
        try {
            created.writePartitionedMapOutput(shuffle.shuffleId(), mapId, output);
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
            resolver.removeDataByMap(shuffle.shuffleId(), mapId);
            return Optional.empty();
        }
        return Optional.ofNullable(status);
    }
}
