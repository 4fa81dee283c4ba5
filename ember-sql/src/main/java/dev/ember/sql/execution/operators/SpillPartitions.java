package dev.ember.sql.execution.operators;

import dev.ember.executor.TaskContextImpl;
import dev.ember.sql.types.DataType;
import dev.ember.sql.vector.BatchBuilder;
import dev.ember.sql.vector.BatchSerializer;
import dev.ember.sql.vector.ColumnBatch;
import dev.ember.storage.DiskBlockManager;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Rows of one task written to a fixed number of files on the task's local disk, each row to the file its key's hash
 * picks, and read back a file at a time: how a hash join or a hash aggregation that is refused memory splits its
 * input into parts small enough to process one after the other (rows with equal keys always land in the same part).
 *
 * <p>Rows are gathered per part into batches and written serialized; a part's file is created with its first row.
 * Files are deleted when read to their end, and whatever is left when the task completes. The bytes written count
 * as the task's disk spill. Used from the task's thread only.
 */
final class SpillPartitions {
    /** Parts per split: enough that a part of a task's input is small, few enough that each gets whole batches. */
    static final int PARTS = 16;

    /** Times a part may be split again before it is processed whole: a single hot key cannot be split at all. */
    static final int MAX_LEVEL = 3;

    private final List<DataType> types;
    private final int level;
    private final TaskContextImpl task;
    private final DiskBlockManager disk;
    private final BatchSerializer serializer;
    private final BatchBuilder[] pending = new BatchBuilder[PARTS];
    private final File[] files = new File[PARTS];
    private final OutputStream[] streams = new OutputStream[PARTS];
    private final BatchSerializer.Writer[] writers = new BatchSerializer.Writer[PARTS];
    private boolean writing = true;

    SpillPartitions(List<DataType> types, int level, TaskContextImpl task) {
        this.types = List.copyOf(types);
        this.level = level;
        this.task = task;
        this.disk = task.env().diskBlockManager();
        this.serializer = new BatchSerializer(this.types);
        task.addTaskCompletionListener(context -> deleteAll());
    }

    /**
     * The part of a key with hash {@code hash} at split {@code level}: the hash is mixed with the level, so that a
     * part split again spreads over all parts, and so that the parts do not follow the exchange's own partitioning
     * (every row of a task shares its hash modulo the task count).
     */
    static int partOf(int hash, int level) {
        long mixed = (hash & 0xffffffffL) * 0x9E3779B97F4A7C15L + (level + 1) * 0xC2B2AE3D27D4EB4FL;
        mixed ^= mixed >>> 29;
        mixed *= 0xBF58476D1CE4E5B9L;
        mixed ^= mixed >>> 32;
        return (int) ((mixed & 0x7fffffffL) % PARTS);
    }

    /** Adds physical row {@code row} of {@code batch} (which has this spill's columns) to the part of {@code hash}. */
    void add(ColumnBatch batch, int row, int hash) {
        int part = partOf(hash, level);
        BatchBuilder builder = builder(part);
        builder.appendFrom(batch, row);
        flushIfFull(part, builder);
    }

    /** Adds a row of internal values to the part of {@code hash}. */
    void add(Object[] values, int hash) {
        int part = partOf(hash, level);
        BatchBuilder builder = builder(part);
        builder.append(values);
        flushIfFull(part, builder);
    }

    private BatchBuilder builder(int part) {
        checkWriting();
        BatchBuilder builder = pending[part];
        if (builder == null) {
            builder = new BatchBuilder(types);
            pending[part] = builder;
        }
        return builder;
    }

    private void flushIfFull(int part, BatchBuilder builder) {
        if (builder.isFull()) {
            write(part, builder.build());
        }
    }

    private void write(int part, ColumnBatch batch) {
        try {
            if (writers[part] == null) {
                files[part] = disk.getFile(disk.createTempShuffleBlock());
                streams[part] = new BufferedOutputStream(Files.newOutputStream(files[part].toPath()), 1 << 15);
                writers[part] = serializer.writer(streams[part]);
            }
            writers[part].write(batch);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot spill to " + files[part] + ": " + e.getMessage(), e);
        }
    }

    /** Writes what each part still gathers and closes the files; after this the parts can be read. */
    void finishWriting() {
        checkWriting();
        writing = false;
        long bytes = 0;
        for (int part = 0; part < PARTS; part++) {
            if (pending[part] != null && !pending[part].isEmpty()) {
                write(part, pending[part].build());
            }
            pending[part] = null;
            if (writers[part] != null) {
                try {
                    writers[part].flush();
                    streams[part].close();
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot spill to " + files[part] + ": " + e.getMessage(), e);
                }
                writers[part] = null;
                streams[part] = null;
                bytes += files[part].length();
            }
        }
        task.taskMetrics().incDiskBytesSpilled(bytes);
    }

    /** The batches of part {@code part}, read from its file, which is deleted once read to its end. */
    Iterator<ColumnBatch> read(int part) {
        if (writing) {
            throw new IllegalStateException("The spilled parts are read only after finishWriting()");
        }
        File file = files[part];
        if (file == null) {
            return Collections.emptyIterator();
        }
        return readFile(file, serializer, () -> delete(part));
    }

    /**
     * The batches of a spill file, read as they are asked for; the file is closed when read to its end, and then
     * {@code atEnd} runs.
     */
    static Reader readFile(File file, BatchSerializer serializer, Runnable atEnd) {
        InputStream in;
        try {
            in = new BufferedInputStream(Files.newInputStream(file.toPath()), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the spill file " + file + ": " + e.getMessage(), e);
        }
        return new Reader(in, serializer.readAll(in), atEnd);
    }

    /** The batches of a spill file; {@link #close} closes it early, when it is not read to its end. */
    static final class Reader implements Iterator<ColumnBatch>, AutoCloseable {
        private final InputStream in;
        private final Iterator<ColumnBatch> batches;
        private final Runnable atEnd;
        private boolean open = true;

        private Reader(InputStream in, Iterator<ColumnBatch> batches, Runnable atEnd) {
            this.in = in;
            this.batches = batches;
            this.atEnd = atEnd;
        }

        @Override
        public boolean hasNext() {
            if (!open) {
                return false;
            }
            if (batches.hasNext()) {
                return true;
            }
            close();
            atEnd.run();
            return false;
        }

        @Override
        public ColumnBatch next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return batches.next();
        }

        @Override
        public void close() {
            if (open) {
                open = false;
                SpillPartitions.close(in);
            }
        }
    }

    private void checkWriting() {
        if (!writing) {
            throw new IllegalStateException("The spilled parts were already closed for writing");
        }
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // Read to its end; nothing is lost by a failed close.
        }
    }

    private void delete(int part) {
        File file = files[part];
        files[part] = null;
        if (file != null && !file.delete() && file.exists()) {
            file.deleteOnExit();
        }
    }

    private void deleteAll() {
        for (int part = 0; part < PARTS; part++) {
            if (streams[part] != null) {
                try {
                    streams[part].close();
                } catch (IOException e) {
                    // The task is over; the file goes next.
                }
                streams[part] = null;
            }
            delete(part);
        }
    }
}
