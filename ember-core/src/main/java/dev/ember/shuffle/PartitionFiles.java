package dev.ember.shuffle;

import dev.ember.shuffle.api.ShuffleMapOutputWriter;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A map task's output written first as a temporary file per reduce partition, already in its final (compressed)
 * form, then copied in partition order into the map output: what the writers that open every partition at once do
 * (the bypass-merge-sort writer, the block writer).
 */
final class PartitionFiles {
    private PartitionFiles() {}

    /**
     * Copies {@code files} (one per reduce partition; null or empty for a partition with no data) into a new map
     * output of {@code outputs} and commits it; returns the partitions' lengths. The output is aborted if a copy
     * fails. The files are the caller's to delete.
     */
    static long[] concatenate(MapOutputWriterFactory outputs, int shuffleId, long mapId, File[] files)
            throws IOException {
        ShuffleMapOutputWriter output = outputs.create(shuffleId, mapId, files.length);
        try {
            byte[] copyBuffer = new byte[64 * 1024];
            for (int partition = 0; partition < files.length; partition++) {
                if (files[partition] == null || files[partition].length() == 0) {
                    continue;
                }
                try (OutputStream target = output.getPartitionWriter(partition).openStream();
                        InputStream source = new FileInputStream(files[partition])) {
                    for (int read = source.read(copyBuffer); read > 0; read = source.read(copyBuffer)) {
                        target.write(copyBuffer, 0, read);
                    }
                }
            }
            return output.commitAllPartitions().partitionLengths();
        } catch (IOException | RuntimeException e) {
            output.abort(e);
            throw e;
        }
    }
}
