package dev.ember.sql.execution.operators;

import dev.ember.TaskContext;
import dev.ember.executor.TaskContextImpl;
import dev.ember.memory.MemoryConsumer;
import dev.ember.memory.MemoryMode;
import dev.ember.sql.types.DataType;
import dev.ember.sql.vector.BatchBuilder;
import dev.ember.sql.vector.BatchSerializer;
import dev.ember.sql.vector.ColumnBatch;
import dev.ember.storage.DiskBlockManager;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The right rows of the key a sort-merge join is at, which every left row of the key is paired with: held in memory
 * while the task's execution memory grants them, and once it refuses, written with the rest of the key's rows to a
 * file on the task's local disk that is read again for each left row (the rows of one key cannot be split, and the
 * left rows come one at a time). The batches keep their order and sizes between readings, so a caller may keep flags
 * per batch and row. Used from the task's thread only; {@link #clear} before the next key.
 */
final class MergeKeyRows {
    private static final long ROW_OVERHEAD = 96;

    private final TaskContextImpl task;
    private final Memory memory;
    private final List<DataType> types;
    private final long rowBytes;
    private final BatchBuilder builder;
    private final List<ColumnBatch> held = new ArrayList<>();
    private final List<Integer> sizes = new ArrayList<>();

    /** The readings of the file, closed by {@link #clear} if one stopped early (a failed condition). */
    private final List<SpillPartitions.Reader> readers = new ArrayList<>();

    private BatchSerializer serializer;
    private File file;
    private OutputStream stream;
    private BatchSerializer.Writer writer;

    private MergeKeyRows(TaskContextImpl task, List<DataType> types) {
        this.task = task;
        this.memory = task == null ? null : new Memory(task);
        this.types = List.copyOf(types);
        long bytes = ROW_OVERHEAD;
        for (DataType type : types) {
            bytes += type.defaultSize();
        }
        this.rowBytes = bytes;
        this.builder = new BatchBuilder(this.types);
        if (task != null) {
            task.addTaskCompletionListener(context -> clear());
        }
    }

    /** Rows of the running task; outside a task (planning-time evaluation) they are only ever held. */
    static MergeKeyRows forCurrentTask(List<DataType> types) {
        TaskContext task = TaskContext.get();
        return new MergeKeyRows(task instanceof TaskContextImpl impl ? impl : null, types);
    }

    void add(ColumnBatch batch, int row) {
        builder.appendFrom(batch, row);
        if (builder.isFull()) {
            keep(builder.build());
        }
    }

    /** Ends the key's rows: after this they can be read, as often as needed. */
    void finish() {
        if (!builder.isEmpty()) {
            keep(builder.build());
        }
        if (writer != null) {
            try {
                writer.flush();
                stream.close();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot spill to " + file + ": " + e.getMessage(), e);
            }
            writer = null;
            stream = null;
            task.taskMetrics().incDiskBytesSpilled(file.length());
        }
    }

    private void keep(ColumnBatch batch) {
        sizes.add(batch.numRows());
        if (file == null) {
            long needed = batch.numRows() * rowBytes;
            if (memory == null) {
                held.add(batch);
                return;
            }
            if (memory.grant(needed)) {
                held.add(batch);
                long peak = Math.max(task.taskMetrics().peakExecutionMemory(), memory.used());
                task.taskMetrics().setPeakExecutionMemory(peak);
                return;
            }
            spillHeld();
        }
        write(batch);
    }

    /** Memory refused: the rows held so far go to a new file, and every later batch of the key after them. */
    private void spillHeld() {
        DiskBlockManager disk = task.env().diskBlockManager();
        file = disk.getFile(disk.createTempShuffleBlock());
        serializer = new BatchSerializer(types);
        try {
            stream = new BufferedOutputStream(Files.newOutputStream(file.toPath()), 1 << 15);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot spill to " + file + ": " + e.getMessage(), e);
        }
        writer = serializer.writer(stream);
        long bytes = memory.used();
        for (ColumnBatch batch : held) {
            write(batch);
        }
        held.clear();
        memory.release();
        task.taskMetrics().incMemoryBytesSpilled(bytes);
    }

    private void write(ColumnBatch batch) {
        try {
            writer.write(batch);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot spill to " + file + ": " + e.getMessage(), e);
        }
    }

    /** The number of batches, and so of flag arrays a caller keeps. */
    int batchCount() {
        return sizes.size();
    }

    /** The rows of batch {@code index}. */
    int batchSize(int index) {
        return sizes.get(index);
    }

    /** The key's rows, a batch at a time, in the order they came; from memory, or read from the file again. */
    Iterator<ColumnBatch> batches() {
        if (file == null) {
            return held.iterator();
        }
        SpillPartitions.Reader reader = SpillPartitions.readFile(file, serializer, () -> {});
        readers.add(reader);
        return reader;
    }

    /** Forgets the key's rows: memory given back, the file deleted. */
    void clear() {
        for (SpillPartitions.Reader reader : readers) {
            reader.close();
        }
        readers.clear();
        held.clear();
        sizes.clear();
        builder.clear();
        if (memory != null) {
            memory.release();
        }
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException e) {
                // The file is deleted next.
            }
            stream = null;
            writer = null;
        }
        if (file != null) {
            if (!file.delete() && file.exists()) {
                file.deleteOnExit();
            }
            file = null;
        }
    }

    /** The execution memory of the rows held; asked to spill by another consumer it frees nothing (the join decides). */
    private static final class Memory extends MemoryConsumer {
        Memory(TaskContextImpl task) {
            super(task.taskMemoryManager(), MemoryMode.ON_HEAP);
        }

        boolean grant(long bytes) {
            return acquireMemory(bytes) >= bytes;
        }

        void release() {
            freeMemory(used());
        }

        @Override
        public long spill(long size, MemoryConsumer trigger) {
            return 0;
        }
    }
}
