package dev.ember.shuffle.api;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Bytes for one reduce partition of one map output. The stream is opened once; closing it ends the partition
 * (it does not close anything the map output writer owns).
 */
public interface ShufflePartitionWriter {
    /** The stream to write the partition's bytes to. */
    OutputStream openStream() throws IOException;

    /** Bytes written so far (final once the stream is closed). */
    long getNumBytesWritten();
}
