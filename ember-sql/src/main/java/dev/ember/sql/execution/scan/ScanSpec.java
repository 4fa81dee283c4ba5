package dev.ember.sql.execution.scan;

import dev.ember.sql.expressions.Expression;
import dev.ember.sql.sources.FileFormat;
import dev.ember.sql.sources.SourceOptions;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.StructType;
import java.io.Serializable;
import java.util.List;

/**
 * What a scan task needs: the format and what to read, and where each output column comes from ({@code sources[i]}
 * at least 0 is a column of the batches the format reads; {@code -1 - p} is partition column {@code p}).
 */
record ScanSpec(
        FileFormat format,
        StructType dataSchema,
        StructType requiredSchema,
        List<Expression> filters,
        SourceOptions options,
        int[] sources,
        List<DataType> outputTypes,
        StructType partitionSchema)
        implements Serializable {}
