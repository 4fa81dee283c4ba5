package dev.ember.shuffle;

import dev.ember.Pair;
import dev.ember.Partitioner;
import dev.ember.collection.SpillContext;
import dev.ember.io.CompressionCodec;
import dev.ember.serializer.SerializerInstance;
import dev.ember.storage.BlockId;
import dev.ember.storage.BlockManagerId;
import dev.ember.storage.DiskBlockObjectWriter;
import dev.ember.storage.FileSegment;
import dev.ember.storage.SerializerManager;
import java.io.File;
import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer for shuffles without map-side aggregation and with few partitions: each record is serialized
 * straight into a temporary file for its reduce partition; at the end the files are concatenated into the data
 * file. No sorting and no buffering of records, at the cost of one open file per partition.
 */
final class BypassMergeSortShuffleWriter<K, V> implements ShuffleWriter<K, V> {
    private static final Logger LOG = LoggerFactory.getLogger(BypassMergeSortShuffleWriter.class);

    private final RecordShuffleHandle<K, V, ?> shuffle;
    private final long mapId;
    private final IndexShuffleBlockResolver resolver;
    private final SerializerManager serializerManager;
    private final SpillContext spill;
    private final BlockManagerId location;
    private final int fileBufferSize;
    private final MapOutputWriterFactory outputs;

    private DiskBlockObjectWriter[] writers;
    private FileSegment[] segments;
    private MapStatus status;

    BypassMergeSortShuffleWriter(
            RecordShuffleHandle<K, V, ?> shuffle,
            long mapId,
            IndexShuffleBlockResolver resolver,
            SerializerManager serializerManager,
            SpillContext spill,
            BlockManagerId location,
            int fileBufferSize,
            MapOutputWriterFactory outputs) {
        this.shuffle = shuffle;
        this.mapId = mapId;
        this.resolver = resolver;
        this.serializerManager = serializerManager;
        this.spill = spill;
        this.location = location;
        this.fileBufferSize = fileBufferSize;
        this.outputs = outputs;
    }

    @Override
    public void write(Iterator<? extends Pair<K, V>> records) throws IOException {
        long start = System.nanoTime();
        Partitioner partitioner = shuffle.partitioner();
        int numPartitions = partitioner.numPartitions();
        // Temporary files hold the final compressed form, so concatenating them is a plain byte copy.
        CompressionCodec codec = serializerManager.codecFor(new BlockId.ShuffleBlockId(shuffle.shuffleId(), mapId, 0));
        writers = new DiskBlockObjectWriter[numPartitions];
        segments = new FileSegment[numPartitions];
        SerializerInstance serializer = shuffle.serializer().newInstance();
        for (int i = 0; i < numPartitions; i++) {
            File file =
                    spill.diskBlockManager().getFile(spill.diskBlockManager().createTempShuffleBlock());
            writers[i] = new DiskBlockObjectWriter(
                    file, serializer, codec, fileBufferSize, spill.metrics().shuffleWriteMetrics());
        }
        while (records.hasNext()) {
            Pair<K, V> record = records.next();
            writers[partitioner.getPartition(record.key())].write(record.key(), record.value());
        }
        for (int i = 0; i < numPartitions; i++) {
            segments[i] = writers[i].commitAndGet();
            writers[i].close();
        }
        // The committed bytes were counted by the per-partition writers; the copy below is not counted again.
        File[] files = new File[numPartitions];
        for (int i = 0; i < numPartitions; i++) {
            files[i] = segments[i].length() == 0 ? null : segments[i].file();
        }
        long[] lengths;
        try {
            lengths = PartitionFiles.concatenate(outputs, shuffle.shuffleId(), mapId, files);
        } finally {
            deleteTemporaryFiles();
        }
        spill.metrics().shuffleWriteMetrics().incWriteTime(System.nanoTime() - start);
        status = MapStatus.of(location, lengths, mapId);
    }

    private void deleteTemporaryFiles() {
        if (writers == null) {
            return;
        }
        for (DiskBlockObjectWriter writer : writers) {
            if (writer != null && writer.file().exists() && !writer.file().delete()) {
                LOG.warn("Failed to delete temporary shuffle file {}", writer.file());
            }
        }
    }

    @Override
    public Optional<MapStatus> stop(boolean success) {
        if (!success) {
            if (writers != null) {
                for (DiskBlockObjectWriter writer : writers) {
                    if (writer != null) {
                        writer.revertPartialWritesAndClose();
                    }
                }
            }
            deleteTemporaryFiles();
            resolver.removeDataByMap(shuffle.shuffleId(), mapId);
            return Optional.empty();
        }
        return Optional.ofNullable(status);
    }
}
