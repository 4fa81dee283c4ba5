package dev.ember.sql.sources.parquet;

import dev.ember.EmberException;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.sources.FileFormat.SourceReader;
import dev.ember.sql.sources.FileSplit;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.StructField;
import dev.ember.sql.types.StructType;
import dev.ember.sql.vector.ColumnBatch;
import dev.ember.sql.vector.ColumnVector;
import dev.ember.sql.vector.ColumnVectors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * The batches of one split of a Parquet file: the row groups whose midpoint lies in the split and whose statistics do
 * not rule out the filters, each decoded a batch at a time by parquet-column's record assembly into the vectors of the
 * required columns. Columns the file lacks read as null.
 */
final class ParquetBatchReader implements SourceReader {
    private final ParquetFile file;
    private final StructType requiredSchema;
    private final int batchRows;
    private final List<BlockMetaData> rowGroups;
    private final MessageType requested;
    /** For each required column, whether the file has it (and it is decoded). */
    private final boolean[] decoded;

    private final MessageColumnIO columnIO;
    private final VectorConverters.RootConverter root;
    private final VectorConverters.Materializer materializer;

    /** Per requested field: the output column it fills. */
    private final int[] columnOf;

    private int nextRowGroup;
    private int rowGroupsRead;
    private RecordReader<Object> records;
    /** The current row group's readers, one per requested field, when every field is flat; else null. */
    private FlatColumnReader[] flat;

    private long rowsLeft;
    private ColumnBatch pending;
    private boolean closed;

    ParquetBatchReader(
            ParquetFile file, FileSplit split, StructType requiredSchema, List<Expression> filters, int batchRows) {
        this.file = file;
        this.requiredSchema = requiredSchema;
        this.batchRows = batchRows;
        MessageType fileSchema = file.schema();

        long splitStart = split.start();
        long splitEnd = split.start() + split.length();
        this.rowGroups = new ArrayList<>();
        for (BlockMetaData block : file.rowGroups()) {
            long midpoint = block.getStartingPos() + block.getCompressedSize() / 2;
            if (midpoint >= splitStart
                    && midpoint < splitEnd
                    && block.getRowCount() > 0
                    && RowGroupFilter.mightMatch(fileSchema, block, filters)) {
                rowGroups.add(block);
            }
        }

        List<Type> fields = new ArrayList<>();
        List<Integer> columns = new ArrayList<>();
        this.decoded = new boolean[requiredSchema.size()];
        for (int column = 0; column < requiredSchema.size(); column++) {
            StructField wanted = requiredSchema.field(column);
            Type field = ParquetSchemas.findField(fileSchema, wanted.name());
            Type clipped = field == null ? null : ParquetSchemas.clip(field, wanted.dataType());
            if (clipped != null && !fields.contains(clipped)) {
                fields.add(clipped);
                columns.add(column);
                decoded[column] = true;
            }
        }
        this.requested = new MessageType(fileSchema.getName(), fields);
        this.columnOf = columns.stream().mapToInt(Integer::intValue).toArray();
        if (fields.isEmpty()) {
            this.columnIO = null;
            this.root = null;
            this.materializer = null;
        } else {
            this.columnIO = new ColumnIOFactory(file.createdBy()).getColumnIO(requested, fileSchema, true);

            this.root = new VectorConverters.RootConverter(requested, requiredSchema, columnOf);
            this.materializer = new VectorConverters.Materializer(root);
        }
    }

    /** The row groups this reader has read so far (for tests of row group skipping). */
    int rowGroupsRead() {
        return rowGroupsRead;
    }

    /** The row groups of the split that the filters did not rule out. */
    int rowGroupsSelected() {
        return rowGroups.size();
    }

    @Override
    public boolean hasNext() {
        if (pending == null && !closed) {
            try {
                pending = readBatch();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return pending != null;
    }

    @Override
    public ColumnBatch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ColumnBatch batch = pending;
        pending = null;
        return batch;
    }

    private ColumnBatch readBatch() throws IOException {
        while (rowsLeft == 0) {
            if (nextRowGroup >= rowGroups.size()) {
                return null;
            }
            BlockMetaData block = rowGroups.get(nextRowGroup++);
            rowGroupsRead++;
            rowsLeft = block.getRowCount();
            if (columnIO != null) {
                PageReadStore pages = file.readRowGroup(block, requested);
                flat = flatReaders(block, pages);
                records = flat == null ? columnIO.getRecordReader(pages, materializer) : null;
            }
        }
        int rows = (int) Math.min(batchRows, rowsLeft);
        ColumnVector[] vectors = new ColumnVector[requiredSchema.size()];
        ColumnVector[] decodedVectors = new ColumnVector[requiredSchema.size()];
        for (int column = 0; column < vectors.length; column++) {
            if (decoded[column]) {
                vectors[column] =
                        ColumnVectors.allocate(requiredSchema.field(column).dataType(), rows);
                decodedVectors[column] = vectors[column];
            } else {
                vectors[column] =
                        ColumnVectors.constant(requiredSchema.field(column).dataType(), null, rows);
            }
        }
        if (flat != null) {
            try {
                for (int i = 0; i < flat.length; i++) {
                    flat[i].read(decodedVectors[columnOf[i]], rows);
                }
            } catch (RuntimeException e) {
                throw ParquetFile.corrupt(file.path(), "a row group cannot be decoded (" + e.getMessage() + ")", e);
            }
        } else if (root != null) {
            root.setVectors(decodedVectors);
            try {
                for (int row = 0; row < rows; row++) {
                    root.row = row;
                    records.read();
                }
            } catch (EmberException e) {
                throw e;
            } catch (RuntimeException e) {
                throw ParquetFile.corrupt(file.path(), "a row group cannot be decoded (" + e + ")", e);
            }
        }
        rowsLeft -= rows;
        return ColumnBatch.of(rows, vectors);
    }

    /**
     * Readers that decode each requested column of the row group straight into vectors, or null when a column is
     * nested, repeated, converted or encoded in a way only the record assembly reads.
     */
    private FlatColumnReader[] flatReaders(BlockMetaData block, PageReadStore pages) {
        List<ColumnDescriptor> descriptors = requested.getColumns();
        if (descriptors.size() != requested.getFieldCount()) {
            return null;
        }
        PrimitiveConverters.Mode[] modes = new PrimitiveConverters.Mode[descriptors.size()];
        for (int i = 0; i < modes.length; i++) {
            Type field = requested.getType(i);
            ColumnDescriptor descriptor = descriptors.get(i);
            if (!field.isPrimitive() || field.isRepetition(Type.Repetition.REPEATED)) {
                return null;
            }
            ColumnChunkMetaData chunk = chunkOf(block, descriptor);
            DataType type = requiredSchema.field(columnOf[i]).dataType();
            modes[i] = PrimitiveConverters.Decoder.modeOf(field.asPrimitiveType(), type);
            boolean exactLong = PrimitiveConverters.Decoder.exactLong(field.asPrimitiveType(), type);
            if (chunk == null || !FlatColumnReader.supports(descriptor, modes[i], exactLong, chunk)) {
                return null;
            }
        }
        FlatColumnReader[] readers = new FlatColumnReader[modes.length];
        for (int i = 0; i < readers.length; i++) {
            ColumnDescriptor descriptor = descriptors.get(i);
            readers[i] = new FlatColumnReader(descriptor, modes[i], pages.getPageReader(descriptor));
        }
        return readers;
    }

    private static ColumnChunkMetaData chunkOf(BlockMetaData block, ColumnDescriptor descriptor) {
        for (ColumnChunkMetaData chunk : block.getColumns()) {
            if (java.util.Arrays.equals(chunk.getPath().toArray(), descriptor.getPath())) {
                return chunk;
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            pending = null;
            file.close();
        }
    }
}
