package dev.ember.sql.execution.scan;

import static java.util.Objects.requireNonNull;

import dev.ember.RDD;
import dev.ember.sql.execution.BoundExpressions;
import dev.ember.sql.execution.ExecutionContext;
import dev.ember.sql.execution.Partitioning;
import dev.ember.sql.execution.operators.LeafExec;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Expressions;
import dev.ember.sql.plans.logical.PlanText;
import dev.ember.sql.sources.FileIndex;
import dev.ember.sql.sources.FileSplit;
import dev.ember.sql.types.StructField;
import dev.ember.sql.types.StructType;
import dev.ember.sql.vector.ColumnBatch;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a file relation's columns {@code output}: the data columns from the files (the format reads only those), the
 * partition columns as constants of each file's directory. Splits are packed into tasks of up to {@code
 * maxPartitionBytes}; filters over data columns are offered to the format to skip data with.
 */
public record FileScanExec(FileSourceRelation relation, List<Attribute> output, List<Expression> pushedFilters)
        implements LeafExec {
    private static final long serialVersionUID = 1L;

    public FileScanExec {
        requireNonNull(relation, "relation is null");
        output = List.copyOf(output);
        pushedFilters = List.copyOf(pushedFilters);
    }

    @Override
    public Partitioning outputPartitioning() {
        return new Partitioning.Unknown(0);
    }

    @Override
    public RDD<ColumnBatch> execute(ExecutionContext context) {
        StructType dataSchema = relation.dataSchema();
        StructType partitionSchema = relation.partitionSchema();
        Set<String> dataNames = new HashSet<>();
        for (StructField field : dataSchema) {
            dataNames.add(field.name());
        }
        List<StructField> required = new ArrayList<>();
        int[] sources = new int[output.size()];
        for (int i = 0; i < output.size(); i++) {
            Attribute attribute = output.get(i);
            if (dataNames.contains(attribute.name())) {
                sources[i] = required.size();
                required.add(dataSchema.apply(attribute.name()));
            } else {
                sources[i] = -1 - partitionSchema.fieldIndex(attribute.name());
            }
        }
        if (required.isEmpty() && dataSchema.size() > 0) {
            // Only partition columns are read: the format still reads one column, to count the rows.
            required.add(dataSchema.field(0));
        }
        List<Expression> dataFilters = new ArrayList<>();
        for (Expression filter : pushedFilters) {
            if (Expressions.references(filter).stream().allMatch(a -> dataNames.contains(a.name()))) {
                dataFilters.add(filter);
            }
        }
        long maxSplitBytes = FileIndex.maxSplitBytes(relation.options());
        List<FileSplit> splits =
                FileIndex.splits(relation.files(), relation.format().isSplittable(relation.options()), maxSplitBytes);
        List<List<FileSplit>> groups =
                ScanTasks.pack(splits, maxSplitBytes, context.emberContext().defaultParallelism());
        ScanSpec spec = new ScanSpec(
                relation.format(),
                dataSchema,
                new StructType(required),
                dataFilters,
                relation.options(),
                sources,
                BoundExpressions.types(output),
                partitionSchema);
        return new FileScanRDD(context.emberContext(), groups, spec);
    }

    @Override
    public String simpleString() {
        return "FileScan " + relation.description() + " " + PlanText.list(output)
                + (pushedFilters.isEmpty() ? "" : ", PushedFilters: " + PlanText.list(pushedFilters));
    }
}
