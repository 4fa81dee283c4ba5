package dev.ember.sql.execution.scan;

import static java.util.Objects.requireNonNull;

import dev.ember.sql.catalog.TableStatistics;
import dev.ember.sql.execution.PhysicalPlan;
import dev.ember.sql.planner.ScannableSource;
import dev.ember.sql.plans.logical.SourceRelation;
import dev.ember.sql.sources.FileFormat;
import dev.ember.sql.sources.PartitionedFile;
import dev.ember.sql.sources.SourceOptions;
import dev.ember.sql.types.StructField;
import dev.ember.sql.types.StructType;
import java.util.ArrayList;
import java.util.List;

/**
 * Files of one format read as a table: the data columns of {@code dataSchema} followed by the partition columns of
 * {@code partitionSchema} (from {@code k=v} directories). The files are listed once, on the driver, when the relation
 * is made; a query sees the files that existed then.
 */
public record FileSourceRelation(
        FileFormat format,
        List<String> paths,
        SourceOptions options,
        StructType dataSchema,
        StructType partitionSchema,
        List<PartitionedFile> files,
        String table,
        TableStatistics statistics)
        implements ScannableSource {
    private static final long serialVersionUID = 1L;

    /** Files read by path, not as a table of the catalog. */
    public FileSourceRelation(
            FileFormat format,
            List<String> paths,
            SourceOptions options,
            StructType dataSchema,
            StructType partitionSchema,
            List<PartitionedFile> files) {
        this(format, paths, options, dataSchema, partitionSchema, files, null, null);
    }

    public FileSourceRelation {
        requireNonNull(format, "format is null");
        paths = List.copyOf(paths);
        requireNonNull(options, "options is null");
        requireNonNull(dataSchema, "dataSchema is null");
        requireNonNull(partitionSchema, "partitionSchema is null");
        files = List.copyOf(files);
    }

    /** The same files with other statistics. */
    public FileSourceRelation withStatistics(TableStatistics newStatistics) {
        return new FileSourceRelation(format, paths, options, dataSchema, partitionSchema, files, table, newStatistics);
    }

    @Override
    public String description() {
        return table != null ? table + " " + format.name() : format.name() + " " + paths;
    }

    @Override
    public StructType schema() {
        List<StructField> fields = new ArrayList<>(dataSchema.fields());
        fields.addAll(partitionSchema.fields());
        return new StructType(fields);
    }

    @Override
    public long estimatedSizeInBytes() {
        long total = 0;
        for (PartitionedFile file : files) {
            total += file.length();
        }
        return total;
    }

    @Override
    public PhysicalPlan scan(SourceRelation relation) {
        return new FileScanExec(this, relation.output(), relation.pushedFilters());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FileSourceRelation that
                && that.format.name().equals(format.name())
                && that.paths.equals(paths)
                && that.options.equals(options)
                && that.dataSchema.equals(dataSchema)
                && that.partitionSchema.equals(partitionSchema)
                && that.files.equals(files)
                && java.util.Objects.equals(that.table, table)
                && java.util.Objects.equals(that.statistics, statistics);
    }

    @Override
    public int hashCode() {
        return paths.hashCode() * 31 + dataSchema.hashCode();
    }
}
