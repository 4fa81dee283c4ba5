package dev.ember.sql;

import dev.ember.TaskContext;
import dev.ember.sql.execution.KeyTable;
import dev.ember.sql.expressions.ValueText;
import dev.ember.sql.sources.FileFormat;
import dev.ember.sql.sources.SourceOptions;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.StructType;
import dev.ember.sql.vector.ColumnBatch;
import dev.ember.sql.vector.ColumnVector;
import java.io.IOException;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * One task's part of a write: its rows into files under the attempt's own directory of the staging directory, one
 * file per partition directory. Returns the files written, relative to the staging directory.
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
        } finally {
            for (FileFormat.SourceWriter writer : writers) {
                writer.close();
            }
        }
        return written;
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
        written.add(Path.of(spec.staging()).relativize(file).toString());
        return writer;
    }

    /** {@code year=2024/month=1}, values escaped as Spark escapes them, null as the default partition name. */
    private static String directory(Spec spec, KeyTable partitions, int partition) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < spec.partitionColumns().length; i++) {
            var field = spec.schema().field(spec.partitionColumns()[i]);
            ColumnVector values = partitions.keyColumn(i);
            Object value = values.isNull(partition) ? null : values.getObject(partition);
            String text = value == null
                    ? "__HIVE_DEFAULT_PARTITION__"
                    : URLEncoder.encode(
                                    ValueText.toText(value, field.dataType(), ZoneId.of(spec.timeZone())),
                                    StandardCharsets.UTF_8)
                            .replace("+", "%20");
            parts.add(field.name() + "=" + text);
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
