package dev.ember.sql;

import static java.util.Objects.requireNonNull;

import dev.ember.RDD;
import dev.ember.sql.analysis.Analyzer;
import dev.ember.sql.execution.BoundExpressions;
import dev.ember.sql.execution.ExecutionContext;
import dev.ember.sql.execution.MeasuredExec;
import dev.ember.sql.execution.PhysicalPlan;
import dev.ember.sql.execution.PhysicalPlanText;
import dev.ember.sql.optimizer.Optimizer;
import dev.ember.sql.planner.EnsureRequirements;
import dev.ember.sql.planner.PhysicalPlanner;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.PlanText;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.StructField;
import dev.ember.sql.types.StructType;
import dev.ember.sql.vector.BatchSerializer;
import dev.ember.sql.vector.ColumnBatch;
import dev.ember.sql.vector.ColumnVector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The stages of one query, each computed once when first asked for: the plan as given (parsed or built by the
 * Dataset API), analyzed, optimized, physical (with exchanges), and its results. {@code EXPLAIN} prints them.
 */
public final class QueryExecution {
    private final EmberSession session;
    private final LogicalPlan logical;
    private LogicalPlan analyzed;
    private LogicalPlan optimized;
    private PhysicalPlan physical;
    private MeasuredExec.Measured measured;
    private volatile String description;

    QueryExecution(EmberSession session, LogicalPlan logical) {
        this.session = requireNonNull(session, "session is null");
        this.logical = requireNonNull(logical, "logical is null");
    }

    /** A query whose plan is analyzed already (a subquery of an analyzed plan): analysis is not run again. */
    static QueryExecution ofAnalyzed(EmberSession session, LogicalPlan analyzed) {
        QueryExecution execution = new QueryExecution(session, analyzed);
        execution.analyzed = analyzed;
        return execution;
    }

    public LogicalPlan logical() {
        return logical;
    }

    /** The resolved plan; fails with what cannot be resolved, as the user wrote it. */
    public synchronized LogicalPlan analyzed() {
        if (analyzed == null) {
            analyzed = new Analyzer(session.analysisContext()).analyze(logical);
        }
        return analyzed;
    }

    public synchronized LogicalPlan optimized() {
        if (optimized == null) {
            optimized = new Optimizer().optimize(session.cacheManager().useCached(analyzed()));
        }
        return optimized;
    }

    public synchronized PhysicalPlan physical() {
        if (physical == null) {
            // Uncorrelated subqueries left as expressions run first, once, and become literals.
            LogicalPlan withSubqueryValues = new SubqueryEvaluation(session).substitute(optimized());
            PhysicalPlan planned = new PhysicalPlanner(
                            session.broadcastThreshold(), session.preferSortMergeJoin(), session.shufflePartitions())
                    .plan(withSubqueryValues);
            PhysicalPlan ensured = new EnsureRequirements(session.shufflePartitions()).apply(planned);
            var adaptive = session.adaptiveSettings();
            physical = adaptive == null
                    ? ensured
                    : dev.ember.sql.execution.adaptive.AdaptivePlanExec.of(ensured, adaptive);
        }
        return physical;
    }

    /** The result's schema, from the analyzed plan (no job runs). */
    public StructType schema() {
        List<StructField> fields = new ArrayList<>();
        for (var attribute : analyzed().output()) {
            fields.add(new StructField(attribute.name(), attribute.dataType(), attribute.nullable()));
        }
        return new StructType(fields);
    }

    /** The physical plan with every node measured for the UI, and its graph; built once. */
    synchronized MeasuredExec.Measured measured() {
        if (measured == null) {
            measured = MeasuredExec.measure(physical(), session.emberContext());
        }
        return measured;
    }

    /** What the UI calls this query: its SQL text when it came from {@code sql()}; null for the action's call site. */
    String description() {
        return description;
    }

    void describeAs(String text) {
        description = text;
    }

    /**
     * The result as an RDD of column batches. Lazy for a plan without exchanges; an adaptive plan runs its map stages
     * here (as Spark's does), and the RDD's own job computes the last stage.
     */
    public RDD<ColumnBatch> toBatches() {
        return measured().plan().execute(session.executionContext());
    }

    /** Every result row, as internal values, collected to the driver, as one SQL execution. */
    public List<Object[]> collectInternal() {
        return SqlExecutions.run(this, session.emberContext(), this::collectRows);
    }

    private List<Object[]> collectRows() {
        List<DataType> types = BoundExpressions.types(physical().output());
        RDD<byte[]> serialized = toBatches()
                .mapPartitions(batches -> dev.ember.sql.execution.SerializedBatches.serialize(batches, types));
        List<Object[]> rows = new ArrayList<>();
        addRows(new BatchSerializer(types), serialized.collect(), rows);
        return rows;
    }

    /**
     * Every result row, as internal values, handed to {@code sink} a slice of partitions at a time, in partition order,
     * as one SQL execution. A slice's job starts only once {@code sink} returned from the previous one, so a sink that
     * waits for its reader bounds what is held. Slices start at one partition and at most double, up to the default
     * parallelism and to about {@code sliceBytes} of serialized rows by the partitions' sizes so far.
     */
    public void forEachSlice(long sliceBytes, java.util.function.Consumer<List<Object[]>> sink) {
        SqlExecutions.run(this, session.emberContext(), () -> {
            List<DataType> types = BoundExpressions.types(physical().output());
            RDD<byte[]> serialized = toBatches()
                    .mapPartitions(batches -> dev.ember.sql.execution.SerializedBatches.serialize(batches, types));
            BatchSerializer serializer = new BatchSerializer(types);
            int partitions = serialized.getNumPartitions();
            int widest = Math.max(1, session.emberContext().defaultParallelism());
            long bytesSoFar = 0;
            int window = 1;
            for (int start = 0; start < partitions; ) {
                int[] slice = java.util.stream.IntStream.range(start, Math.min(partitions, start + window))
                        .toArray();
                List<List<byte[]>> results = session.emberContext().runJob(serialized, QueryExecution::all, slice);
                List<Object[]> rows = new ArrayList<>();
                for (List<byte[]> partition : results) {
                    for (byte[] bytes : partition) {
                        bytesSoFar += bytes.length;
                    }
                    addRows(serializer, partition, rows);
                }
                sink.accept(rows);
                start += slice.length;
                long perPartition = Math.max(1, bytesSoFar / start);
                window = (int) Math.max(1, Math.min(Math.min(widest, 2L * window), sliceBytes / perPartition));
            }
            return null;
        });
    }

    private static List<byte[]> all(dev.ember.TaskContext context, java.util.Iterator<byte[]> values) {
        List<byte[]> all = new ArrayList<>();
        values.forEachRemaining(all::add);
        return all;
    }

    /** The rows of serialized batches, in order. */
    private static void addRows(BatchSerializer serializer, List<byte[]> serialized, List<Object[]> rows) {
        for (byte[] bytes : serialized) {
            try {
                addRows(serializer.fromBytes(bytes), rows);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static void addRows(ColumnBatch batch, List<Object[]> rows) {
        int width = batch.numColumns();
        ColumnVector[] columns = new ColumnVector[width];
        for (int i = 0; i < width; i++) {
            columns[i] = batch.column(i);
        }
        for (int k = 0; k < batch.size(); k++) {
            int row = batch.row(k);
            Object[] values = new Object[width];
            for (int i = 0; i < width; i++) {
                values[i] = columns[i].isNull(row) ? null : columns[i].getObject(row);
            }
            rows.add(values);
        }
    }

    /** {@code EXPLAIN}'s text: the physical plan, or with {@code extended} every stage. */
    public String explain(boolean extended) {
        StringBuilder text = new StringBuilder();
        if (extended) {
            text.append("== Parsed Logical Plan ==\n").append(PlanText.tree(logical));
            text.append("\n== Analyzed Logical Plan ==\n").append(PlanText.tree(analyzed()));
            text.append("\n== Optimized Logical Plan ==\n").append(PlanText.tree(optimized()));
            text.append('\n');
        }
        text.append("== Physical Plan ==\n").append(PhysicalPlanText.tree(physical()));
        return text.toString();
    }

    ExecutionContext executionContext() {
        return session.executionContext();
    }
}
