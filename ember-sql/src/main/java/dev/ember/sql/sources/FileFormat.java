package dev.ember.sql.sources;

import dev.ember.sql.expressions.Expression;
import dev.ember.sql.types.StructType;
import dev.ember.sql.vector.ColumnBatch;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

/**
 * A file format the engine reads and writes ({@code csv}, {@code json}, {@code text}, {@code parquet}). One instance
 * serves a whole query: it is made on the driver (where {@link #inferSchema} runs) and travels to the executors inside
 * the plan (where {@link #read} and {@link #writer} run), so it must be serializable and keep no state between calls.
 *
 * <p>Files are read in splits ({@link FileSplit}: a byte range of one file); a format that cannot start reading in the
 * middle of a file says so with {@link #isSplittable} and then gets whole files only.
 */
public interface FileFormat extends Serializable {
    /** The short name users give {@code format(...)}: {@code csv}. */
    String name();

    /**
     * The schema of the data in {@code files} (never empty), inferred as the format does it ({@code inferSchema} for
     * CSV, a pass over the records for JSON, the footer for Parquet). Runs on the driver. Fails with an error naming
     * the file when one cannot be read.
     */
    StructType inferSchema(List<Path> files, SourceOptions options) throws IOException;

    /** Whether a file can be read from any byte offset; if not, each split covers a whole file. */
    default boolean isSplittable(SourceOptions options) {
        return true;
    }

    /**
     * The rows of one split as batches of at most {@link ColumnBatch#DEFAULT_ROWS} rows, with the columns of {@code
     * requiredSchema} (a subset of {@code dataSchema}, in its own order: the columns the query reads). {@code filters}
     * are conjuncts over those columns that the format may use to skip data (Parquet's row-group statistics); the
     * engine filters every row again, so a format may ignore them. Records that do not fit the schema are handled as
     * the {@code mode} option says. The iterator may hold the file open until it ends or {@link
     * SourceReader#close()} is called. Runs on an executor, on the task's thread.
     */
    SourceReader read(
            FileSplit split,
            StructType dataSchema,
            StructType requiredSchema,
            List<Expression> filters,
            SourceOptions options)
            throws IOException;

    /**
     * A writer of rows of {@code schema} into the new file {@code file} (which does not exist yet; its directory
     * does). Runs on an executor, on the task's thread.
     */
    SourceWriter writer(Path file, StructType schema, SourceOptions options) throws IOException;

    /** The file name extension the format's files get when written, with its dot: {@code .csv}. */
    String extension(SourceOptions options);

    /** Batches read from one split; closing it releases the file. */
    interface SourceReader extends Iterator<ColumnBatch>, java.io.Closeable {}

    /** Rows written to one file, a batch at a time; {@link #close()} finishes the file. */
    interface SourceWriter extends java.io.Closeable {
        void write(ColumnBatch batch) throws IOException;
    }
}
