package dev.ember.sql.execution.operators;

import dev.ember.TaskContext;
import dev.ember.executor.TaskContextImpl;
import dev.ember.memory.MemoryConsumer;
import dev.ember.memory.MemoryMode;
import dev.ember.sql.execution.eval.VectorExpression;
import dev.ember.sql.expressions.SortOrder;
import dev.ember.sql.types.DataType;
import dev.ember.sql.vector.BatchSerializer;
import dev.ember.sql.vector.ColumnBatch;
import dev.ember.sql.vector.ColumnVector;
import dev.ember.storage.DiskBlockManager;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * A task's sort that holds its batches under the task's execution memory and spills when refused: the rows held so far
 * are sorted and written as a run of serialized batches to a local file, and the memory is given back. At the end
 * the runs and the rows still in memory are merged by key. Without spills it is the in-memory sort of {@link SortExec}.
 *
 * <p>Memory is counted by an estimate of each batch's bytes (its selected rows times the columns' default sizes).
 * Used from the task's thread only.
 */
final class ExternalBatchSorter extends MemoryConsumer {
    private final List<SortOrder> order;
    private final List<VectorExpression> keys;
    private final List<DataType> types;
    private final DiskBlockManager disk;
    private final TaskContextImpl task;
    private final long rowBytes;
    private final List<ColumnBatch> held = new ArrayList<>();
    private final List<File> runs = new ArrayList<>();

    ExternalBatchSorter(List<SortOrder> order, List<VectorExpression> keys, List<DataType> types) {
        this(order, keys, types, (TaskContextImpl) TaskContext.get());
    }

    private ExternalBatchSorter(
            List<SortOrder> order, List<VectorExpression> keys, List<DataType> types, TaskContextImpl task) {
        super(task.taskMemoryManager(), MemoryMode.ON_HEAP);
        this.order = order;
        this.keys = keys;
        this.types = types;
        this.task = task;
        this.disk = task.env().diskBlockManager();
        long bytes = 8;
        for (DataType type : types) {
            bytes += type.defaultSize();
        }
        this.rowBytes = bytes;
        task.addTaskCompletionListener(context -> cleanUp());
    }

    void insert(ColumnBatch batch) {
        if (batch.size() == 0) {
            return;
        }
        long needed = batch.size() * rowBytes;
        long granted = acquireMemory(needed);
        if (granted < needed) {
            freeMemory(granted);
            if (!held.isEmpty()) {
                spillHeld();
            }
            acquireMemory(needed);
        }
        held.add(batch);
    }

    @Override
    public long spill(long size, MemoryConsumer trigger) {
        if (trigger == this || held.isEmpty()) {
            return 0;
        }
        long before = used();
        spillHeld();
        return before - used();
    }

    /** Writes the held rows, sorted, as a run, and gives their memory back. */
    private void spillHeld() {
        Iterator<ColumnBatch> sorted = SortExec.sortHeld(held, new RowOrdering(order, keys), types, -1);
        try {
            File file = disk.getFile(disk.createTempShuffleBlock());
            BatchSerializer serializer = new BatchSerializer(types);
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file.toPath()), 1 << 16)) {
                BatchSerializer.Writer writer = serializer.writer(out);
                while (sorted.hasNext()) {
                    writer.write(sorted.next());
                }
                writer.flush();
            }
            runs.add(file);
            long memory = used();
            task.taskMetrics().incMemoryBytesSpilled(memory);
            task.taskMetrics().incDiskBytesSpilled(file.length());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot spill a sort to disk: " + e.getMessage(), e);
        }
        held.clear();
        freeMemory(used());
    }

    /** Every row inserted, in order. */
    Iterator<ColumnBatch> sorted() {
        task.taskMetrics().setPeakExecutionMemory(Math.max(task.taskMetrics().peakExecutionMemory(), used()));
        if (runs.isEmpty()) {
            return SortExec.sortHeld(held, new RowOrdering(order, keys), types, -1);
        }
        if (!held.isEmpty()) {
            spillHeld();
        }
        return merge();
    }

    /** The runs merged by key: one cursor per run, the least row first (earlier runs first among equals). */
    private Iterator<ColumnBatch> merge() {
        List<Cursor> cursors = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            Cursor cursor = new Cursor(i, runs.get(i));
            if (cursor.advance()) {
                cursors.add(cursor);
            }
        }
        PriorityQueue<Cursor> queue = new PriorityQueue<>((a, b) -> {
            int result = compareKeys(a.keyValues(), b.keyValues());
            return result != 0 ? result : Integer.compare(a.run, b.run);
        });
        queue.addAll(cursors);
        return new Iterator<>() {
            private final dev.ember.sql.vector.BatchBuilder builder = new dev.ember.sql.vector.BatchBuilder(types);

            @Override
            public boolean hasNext() {
                return !queue.isEmpty() || !builder.isEmpty();
            }

            @Override
            public ColumnBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                while (!queue.isEmpty() && !builder.isFull()) {
                    Cursor least = queue.poll();
                    builder.appendFrom(least.batch, least.batch.row(least.position));
                    if (least.advance()) {
                        queue.add(least);
                    } else {
                        least.close();
                    }
                }
                return builder.build();
            }
        };
    }

    private int compareKeys(Object[] a, Object[] b) {
        for (int i = 0; i < order.size(); i++) {
            int result = order.get(i).compare(a[i], b[i]);
            if (result != 0) {
                return result;
            }
        }
        return 0;
    }

    /** A position in one run: its current batch, the batch's key vectors and the row within it. */
    private final class Cursor {
        final int run;
        private final InputStream in;
        private final Iterator<ColumnBatch> batches;
        ColumnBatch batch;
        ColumnVector[] keyVectors;
        int position = -1;

        Cursor(int run, File file) {
            this.run = run;
            try {
                this.in = new BufferedInputStream(Files.newInputStream(file.toPath()), 1 << 16);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            this.batches = new BatchSerializer(types).readAll(in);
        }

        boolean advance() {
            position++;
            while (batch == null || position >= batch.size()) {
                if (!batches.hasNext()) {
                    return false;
                }
                batch = batches.next();
                keyVectors = new ColumnVector[keys.size()];
                for (int i = 0; i < keyVectors.length; i++) {
                    keyVectors[i] = keys.get(i).evaluate(batch);
                }
                position = 0;
            }
            return true;
        }

        Object[] keyValues() {
            int row = batch.row(position);
            Object[] values = new Object[keyVectors.length];
            for (int i = 0; i < values.length; i++) {
                values[i] = keyVectors[i].isNull(row) ? null : keyVectors[i].getObject(row);
            }
            return values;
        }

        void close() {
            try {
                in.close();
            } catch (IOException e) {
                // The run was read to its end.
            }
        }
    }

    private void cleanUp() {
        freeMemory(used());
        for (File run : runs) {
            if (!run.delete() && run.exists()) {
                run.deleteOnExit();
            }
        }
        runs.clear();
    }
}
