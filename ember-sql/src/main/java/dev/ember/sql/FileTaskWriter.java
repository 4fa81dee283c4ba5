package dev.ember.sql;

import dev.ember.TaskContext;
import dev.ember.executor.CommitDeniedException;
import dev.ember.executor.TaskContextImpl;
import dev.ember.sql.execution.KeyTable;
import dev.ember.sql.sources.FileFormat;
import dev.ember.sql.sources.SourceOptions;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.StructType;
import dev.ember.sql.vector.ColumnBatch;
import dev.ember.sql.vector.ColumnVector;
import dev.ember.util.FileUtils;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * One task's part of a write: its rows into files under the attempt's own directory of the staging directory, one
 * file per partition directory, then that directory renamed to the task's if the attempt may commit. Returns the files
 * written, relative to the staging directory.
 */
final class FileTaskWriter {
    /** What every task of a write needs. */
    record Spec(
            FileFormat format,
            SourceOptions options,
            String staging,
            String job,
            StructType schema,
            StructType dataSchema,
            int[] partitionColumns,
            String timeZone)
            implements Serializable {}

    private FileTaskWriter() {}

    static List<String> write(Spec spec, TaskContext task, Iterator<ColumnBatch> batches) throws IOException {
        Path attempt = Path.of(spec.staging()).resolve("attempt-" + task.taskAttemptId());
        List<FileFormat.SourceWriter> writers = new ArrayList<>();
        List<String> written = new ArrayList<>();
        int[] partitionColumns = spec.partitionColumns();
        List<DataType> partitionTypes = new ArrayList<>();
        for (int column : partitionColumns) {
            partitionTypes.add(spec.schema().field(column).dataType());
        }
        KeyTable partitions = new KeyTable(partitionTypes, 16);
        int[] dataColumns = dataColumns(spec.schema().size(), partitionColumns);
        String name = String.format(
                Locale.ROOT,
                "part-%05d-%s%s",
                task.partitionId(),
                spec.job(),
                spec.format().extension(spec.options()));
        try {
            while (batches.hasNext()) {
                ColumnBatch batch = batches.next();
                if (batch.size() == 0) {
                    continue;
                }
                ColumnBatch data = batch.project(dataColumns);
                if (partitionColumns.length == 0) {
                    writer(writers, 0, spec, attempt, "", name, written).write(data);
                    continue;
                }
                ColumnVector[] keys = new ColumnVector[partitionColumns.length];
                for (int i = 0; i < keys.length; i++) {
                    keys[i] = batch.column(partitionColumns[i]);
                }
                int[] groupOfRow = new int[batch.size()];
                for (int k = 0; k < batch.size(); k++) {
                    groupOfRow[k] = partitions.add(keys, batch.row(k));
                }
                int[] counts = new int[partitions.size()];
                for (int group : groupOfRow) {
                    counts[group]++;
                }
                int[][] selections = new int[counts.length][];
                for (int k = 0; k < groupOfRow.length; k++) {
                    int group = groupOfRow[k];
                    if (selections[group] == null) {
                        selections[group] = new int[counts[group]];
                        counts[group] = 0;
                    }
                    selections[group][counts[group]++] = batch.row(k);
                }
                for (int group = 0; group < selections.length; group++) {
                    if (selections[group] != null) {
                        String directory = directory(spec, partitions, group);
                        writer(writers, group, spec, attempt, directory, name, written)
                                .write(data.withSelection(selections[group], selections[group].length));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            closeQuietly(writers);
            FileUtils.deleteRecursively(attempt);
            throw e;
        }
        for (FileFormat.SourceWriter writer : writers) {
            writer.close();
        }
        return commitTask(task, Path.of(spec.staging()), attempt, written);
    }

    /**
     * Moves the attempt's directory to {@code task-NNNNN} if the scheduler's commit coordinator lets this attempt
     * commit its partition (a speculative or retried copy is refused once one attempt has); returns the files
     * relative to the staging directory.
     */
    private static List<String> commitTask(TaskContext task, Path staging, Path attempt, List<String> written)
            throws IOException {
        boolean allowed = !(task instanceof TaskContextImpl impl)
                || impl.env()
                        .commitAuthority()
                        .canCommit(impl.stageId(), impl.stageAttemptNumber(), impl.partitionId(), impl.attemptNumber());
        if (!allowed) {
            FileUtils.deleteRecursively(attempt);
            throw new CommitDeniedException(
                    "Attempt " + task.attemptNumber() + " of partition " + task.partitionId()
                            + " may not commit its files: another attempt did",
                    -1,
                    task.partitionId(),
                    task.attemptNumber());
        }
        String committed = String.format(Locale.ROOT, "task-%05d", task.partitionId());
        List<String> files = new ArrayList<>(written.size());
        if (written.isEmpty()) {
            return files;
        }
        Path target = staging.resolve(committed);
        // An attempt that committed and then died before reporting leaves its directory; this attempt replaces it.
        FileUtils.deleteRecursively(target);
        Files.move(attempt, target, StandardCopyOption.ATOMIC_MOVE);
        for (String file : written) {
            files.add(committed + "/" + file);
        }
        return files;
    }

    private static void closeQuietly(List<FileFormat.SourceWriter> writers) {
        for (FileFormat.SourceWriter writer : writers) {
            try {
                writer.close();
            } catch (IOException | RuntimeException e) {
                // The attempt failed already; its files are deleted.
            }
        }
    }

    private static FileFormat.SourceWriter writer(
            List<FileFormat.SourceWriter> writers,
            int partition,
            Spec spec,
            Path attempt,
            String directory,
            String name,
            List<String> written)
            throws IOException {
        if (partition < writers.size()) {
            return writers.get(partition);
        }
        Path dir = directory.isEmpty() ? attempt : attempt.resolve(directory);
        Files.createDirectories(dir);
        Path file = dir.resolve(name);
        FileFormat.SourceWriter writer = spec.format().writer(file, spec.dataSchema(), spec.options());
        writers.add(writer);
        written.add(attempt.relativize(file).toString());
        return writer;
    }

    /** {@code year=2024/month=1}, values escaped as Spark escapes them, null as the default partition name. */
    private static String directory(Spec spec, KeyTable partitions, int partition) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < spec.partitionColumns().length; i++) {
            var field = spec.schema().field(spec.partitionColumns()[i]);
            ColumnVector values = partitions.keyColumn(i);
            Object value = values.isNull(partition) ? null : values.getObject(partition);
            parts.add(Tables.partitionDirectory(field.name(), value, field.dataType(), spec.timeZone()));
        }
        return String.join("/", parts);
    }

    private static int[] dataColumns(int width, int[] partitionColumns) {
        List<Integer> columns = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            int index = i;
            if (java.util.Arrays.stream(partitionColumns).noneMatch(p -> p == index)) {
                columns.add(i);
            }
        }
        return columns.stream().mapToInt(Integer::intValue).toArray();
    }
}
