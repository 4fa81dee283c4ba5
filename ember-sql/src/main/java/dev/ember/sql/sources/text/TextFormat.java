package dev.ember.sql.sources.text;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.sources.CharDecoder;
import dev.ember.sql.sources.FileFormat;
import dev.ember.sql.sources.FileSplit;
import dev.ember.sql.sources.LineReader;
import dev.ember.sql.sources.SourceFiles;
import dev.ember.sql.sources.SourceOptions;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.StringType;
import dev.ember.sql.types.StructType;
import dev.ember.sql.vector.BatchBuilder;
import dev.ember.sql.vector.BytesVector;
import dev.ember.sql.vector.ColumnBatch;
import dev.ember.sql.vector.ColumnVector;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Text files: one row per line, in the single string column {@code value}. Options: {@code lineSep} (any of \n, \r,
 * \r\n when reading; \n when writing), {@code wholetext} (false; true makes each file one row, and files are not
 * split), {@code encoding} (UTF-8), {@code compression} (none, gzip) for writing.
 */
public final class TextFormat implements FileFormat {
    private static final long serialVersionUID = 1L;

    /** The schema of text files. */
    public static final StructType SCHEMA = new StructType().add("value", DataTypes.StringType);

    @Override
    public String name() {
        return "text";
    }

    @Override
    public StructType inferSchema(List<Path> files, SourceOptions options) {
        return SCHEMA;
    }

    @Override
    public boolean isSplittable(SourceOptions options) {
        return !options.getBoolean("wholetext", false);
    }

    @Override
    public SourceReader read(
            FileSplit split,
            StructType dataSchema,
            StructType requiredSchema,
            List<Expression> filters,
            SourceOptions options)
            throws IOException {
        if (requiredSchema.size() > 1
                || requiredSchema.size() == 1 && !(requiredSchema.field(0).dataType() instanceof StringType)) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "The text format reads one string column, not " + requiredSchema.simpleString());
        }
        Charset charset = CharDecoder.charsetOf(options);
        if (options.getBoolean("wholetext", false)) {
            return new WholeTextReader(split, requiredSchema, charset);
        }
        return new LinesReader(split, requiredSchema, charset, SourceFiles.lineSeparator(options, charset));
    }

    @Override
    public SourceWriter writer(Path file, StructType schema, SourceOptions options) throws IOException {
        if (schema.size() != 1 || !(schema.field(0).dataType() instanceof StringType)) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "The text format writes a single string column, not " + schema.simpleString()
                            + "; select or concatenate the columns into one string first");
        }
        Charset charset = CharDecoder.charsetOf(options);
        byte[] separator = options.get("lineSep", "\n").getBytes(charset);
        OutputStream out = SourceFiles.create(file, SourceFiles.compression(options));
        boolean utf8 = charset.equals(StandardCharsets.UTF_8);
        return new SourceWriter() {
            @Override
            public void write(ColumnBatch batch) throws IOException {
                ColumnVector vector = batch.column(0);
                for (int k = 0; k < batch.size(); k++) {
                    int row = batch.row(k);
                    if (!vector.isNull(row)) {
                        if (utf8) {
                            out.write(vector.bytes(), vector.offset(row), vector.length(row));
                        } else {
                            out.write(vector.getString(row).getBytes(charset));
                        }
                    }
                    out.write(separator);
                }
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        };
    }

    @Override
    public String extension(SourceOptions options) {
        return SourceFiles.isGzip(SourceFiles.compression(options)) ? ".txt.gz" : ".txt";
    }

    /** The lines that start in a split, one row each. */
    private static final class LinesReader implements SourceReader {
        private final String path;
        private final LineReader lines;
        private final long end;
        private final boolean empty;
        private final CharDecoder decoder;
        private final BatchBuilder builder;
        private final boolean project;
        private ColumnBatch next;
        private boolean done;

        LinesReader(FileSplit split, StructType requiredSchema, Charset charset, byte[] separator) throws IOException {
            this.path = split.path();
            boolean compressed = SourceFiles.isCompressed(path);
            this.empty = compressed && split.start() != 0;
            this.end = compressed ? Long.MAX_VALUE : split.start() + split.length();
            long back = separator == null ? 1 : separator.length;
            long open = split.start() == 0 || compressed ? 0 : Math.max(0, split.start() - back);
            this.lines = new LineReader(SourceFiles.open(path, open), open, separator);
            this.decoder = charset.equals(StandardCharsets.UTF_8) ? null : new CharDecoder(charset);
            this.builder = new BatchBuilder(requiredSchema);
            this.project = requiredSchema.size() == 1;
            if (split.start() != 0 && !empty) {
                lines.next();
            }
        }

        @Override
        public boolean hasNext() {
            if (next == null && !done) {
                next = fill();
            }
            return next != null;
        }

        private ColumnBatch fill() {
            try {
                while (!builder.isFull()) {
                    if (empty || !lines.next() || lines.lineStart() >= end) {
                        done = true;
                        lines.close();
                        break;
                    }
                    if (project) {
                        BytesVector vector = (BytesVector) builder.vector(0);
                        int row = builder.numRows();
                        if (decoder == null) {
                            vector.set(row, lines.bytes(), 0, lines.length());
                        } else {
                            vector.set(row, decoder.string(lines.bytes(), 0, lines.length()));
                        }
                    }
                    builder.endRow();
                }
            } catch (IOException e) {
                done = true;
                throw SourceFiles.readFailed(path, e);
            }
            return builder.isEmpty() ? null : builder.build();
        }

        @Override
        public ColumnBatch next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            ColumnBatch batch = next;
            next = null;
            return batch;
        }

        @Override
        public void close() throws IOException {
            done = true;
            lines.close();
        }
    }

    /** A whole file as one row. */
    private static final class WholeTextReader implements SourceReader {
        private final FileSplit split;
        private final StructType requiredSchema;
        private final Charset charset;
        private boolean done;

        WholeTextReader(FileSplit split, StructType requiredSchema, Charset charset) {
            this.split = split;
            this.requiredSchema = requiredSchema;
            this.charset = charset;
            // The file belongs to the split at its start.
            this.done = split.start() != 0;
        }

        @Override
        public boolean hasNext() {
            return !done;
        }

        @Override
        public ColumnBatch next() {
            if (done) {
                throw new NoSuchElementException();
            }
            done = true;
            byte[] content = SourceFiles.readAll(split.path());
            BatchBuilder builder = new BatchBuilder(requiredSchema, 1);
            if (requiredSchema.size() == 1) {
                builder.set(0, new String(content, charset));
            }
            builder.endRow();
            return builder.build();
        }

        @Override
        public void close() {
            done = true;
        }
    }
}
