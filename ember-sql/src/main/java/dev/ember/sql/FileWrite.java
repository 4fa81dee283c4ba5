package dev.ember.sql;

import static java.util.Objects.requireNonNull;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.sources.FileFormat;
import dev.ember.sql.sources.SourceOptions;
import dev.ember.sql.types.StructField;
import dev.ember.sql.types.StructType;
import dev.ember.sql.warehouse.FileCommit;
import dev.ember.util.FileUtils;
import dev.ember.util.UniqueIds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The driver's side of writing a Dataset's rows as files into a directory: one job whose tasks write and commit
 * their files under a staging directory ({@link FileTaskWriter}), then {@link FileCommit} to put them in place and
 * replace what {@code overwrite} says. A job that fails leaves the directory as it was.
 *
 * @param data the rows, with the partition columns among them
 * @param partitionColumns the columns of {@code data} that become {@code k=v} directories, outermost first
 */
record FileWrite(
        Dataset<Row> data,
        Path destination,
        FileFormat format,
        SourceOptions options,
        List<String> partitionColumns,
        FileCommit.Overwrite overwrite) {
    FileWrite {
        requireNonNull(data, "data is null");
        destination = destination.toAbsolutePath().normalize();
        requireNonNull(format, "format is null");
        requireNonNull(options, "options is null");
        partitionColumns = List.copyOf(partitionColumns);
        requireNonNull(overwrite, "overwrite is null");
    }

    void run() {
        StructType schema = data.schema();
        int[] partitionIndexes = new int[partitionColumns.size()];
        for (int i = 0; i < partitionIndexes.length; i++) {
            partitionIndexes[i] = schema.fieldIndex(partitionColumns.get(i));
        }
        List<StructField> dataFields = new ArrayList<>();
        for (int i = 0; i < schema.size(); i++) {
            boolean partition = false;
            for (int index : partitionIndexes) {
                partition |= index == i;
            }
            if (!partition) {
                dataFields.add(schema.field(i));
            }
        }
        if (dataFields.isEmpty()) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT, "Every column is a partition column; nothing would be in the files");
        }
        FileCommit.recover(destination);
        String job = UniqueIds.randomUuid().toString();
        Path staging = FileCommit.staging(destination, job);
        EmberSession session = data.session();
        FileTaskWriter.Spec spec = new FileTaskWriter.Spec(
                format,
                options,
                staging.toString(),
                job,
                schema,
                new StructType(dataFields),
                partitionIndexes,
                session.timeZone());
        QueryExecution query = data.queryExecution();
        try {
            Files.createDirectories(staging);
            List<List<String>> written = SqlExecutions.run(query, session.emberContext(), () -> session.emberContext()
                    .runJob(query.toBatches(), (task, values) -> FileTaskWriter.write(spec, task, values)));
            List<String> files = new ArrayList<>();
            written.forEach(files::addAll);
            FileCommit.commit(destination, job, files, overwrite);
        } catch (IOException e) {
            throw new EmberException(
                    ErrorClass.OUTPUT_WRITE_FAILED, "Cannot write " + destination + ": " + e.getMessage(), e);
        } finally {
            // Once the journal exists the commit is decided and its new files are needed to finish it: the next
            // reader or writer does, and deletes the staging directory then.
            if (!Files.exists(FileCommit.journal(destination, job))) {
                FileUtils.deleteRecursively(staging);
            }
        }
    }
}
