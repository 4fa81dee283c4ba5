package dev.ember.sql.execution.scan;

import static java.util.Objects.requireNonNull;

import dev.ember.RDD;
import dev.ember.sql.execution.ExecutionContext;
import dev.ember.sql.execution.PhysicalPlan;
import dev.ember.sql.execution.operators.LeafExec;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.planner.ScannableSource;
import dev.ember.sql.plans.logical.PlanText;
import dev.ember.sql.plans.logical.SourceRelation;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.StructField;
import dev.ember.sql.types.StructType;
import dev.ember.sql.vector.BatchSerializer;
import dev.ember.sql.vector.ColumnBatch;
import dev.ember.sql.vector.ColumnVector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A cached Dataset's batches, serialized in a persisted RDD, read as a relation whose columns are the cached plan's
 * own (same ids), so plans that contained the cached plan keep their references. It lives on the driver only.
 */
public final class InMemorySource implements ScannableSource {
    private static final long serialVersionUID = 1L;

    private final transient RDD<byte[]> rdd;
    private final List<DataType> types;
    private final List<Attribute> columns;
    private final String name;

    public InMemorySource(RDD<byte[]> rdd, List<DataType> types, List<Attribute> columns, String name) {
        this.rdd = requireNonNull(rdd, "rdd is null");
        this.types = List.copyOf(types);
        this.columns = List.copyOf(columns);
        this.name = requireNonNull(name, "name is null");
    }

    public RDD<byte[]> rdd() {
        return rdd;
    }

    @Override
    public String description() {
        return "InMemory " + name;
    }

    @Override
    public StructType schema() {
        List<StructField> fields = new ArrayList<>();
        for (Attribute attribute : columns) {
            fields.add(new StructField(attribute.name(), attribute.dataType(), attribute.nullable()));
        }
        return new StructType(fields);
    }

    @Override
    public PhysicalPlan scan(SourceRelation relation) {
        int[] positions = new int[relation.output().size()];
        for (int i = 0; i < positions.length; i++) {
            Attribute wanted = relation.output().get(i);
            for (int j = 0; j < columns.size(); j++) {
                if (columns.get(j).exprId().equals(wanted.exprId())) {
                    positions[i] = j;
                }
            }
        }
        return new InMemoryScanExec(this, relation.output(), positions);
    }

    /** Reads the cached batches, keeping the columns at {@code positions}. */
    public record InMemoryScanExec(InMemorySource source, List<Attribute> output, int[] positions) implements LeafExec {
        @Override
        public RDD<ColumnBatch> execute(ExecutionContext context) {
            List<DataType> types = source.types;
            int[] kept = positions;
            return source.rdd.mapPartitions(bytes -> read(bytes, types, kept));
        }

        private static Iterator<ColumnBatch> read(Iterator<byte[]> bytes, List<DataType> types, int[] kept) {
            BatchSerializer serializer = new BatchSerializer(types);
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return bytes.hasNext();
                }

                @Override
                public ColumnBatch next() {
                    try {
                        ColumnBatch batch = serializer.fromBytes(bytes.next());
                        ColumnVector[] vectors = new ColumnVector[kept.length];
                        for (int i = 0; i < kept.length; i++) {
                            vectors[i] = batch.column(kept[i]);
                        }
                        return ColumnBatch.of(batch.numRows(), vectors);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            };
        }

        @Override
        public String simpleString() {
            return "InMemoryScan " + source.name + " " + PlanText.list(output);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other == this;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
