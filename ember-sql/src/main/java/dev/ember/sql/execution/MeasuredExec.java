package dev.ember.sql.execution;

import dev.ember.AccumulatorV2;
import dev.ember.EmberContext;
import dev.ember.LongAccumulator;
import dev.ember.RDD;
import dev.ember.TaskContext;
import dev.ember.metrics.TaskMetrics;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.SortOrder;
import dev.ember.sql.vector.ColumnBatch;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A physical node measured as it runs, for the UI: rows it produced, time spent producing them (its inputs' time in
 * the same task included), bytes its task spilled meanwhile, and the largest execution memory its tasks reached.
 * Wraps the node at execution time only (planning never sees it); everything else it delegates.
 */
public final class MeasuredExec implements PhysicalPlan {
    private static final long serialVersionUID = 1L;

    /**
     * Set while a task reads its input for something other than the query's result (a range exchange samples it, and
     * the input is computed again for the exchange itself): what the nodes of that input measure meanwhile is dropped.
     * Earlier stages, whose output is kept and reused, are counted once as usual.
     */
    private static final ThreadLocal<Boolean> UNMEASURED = new ThreadLocal<>();

    /** Runs {@code read}, which consumes measured input the query reads again later, without counting it. */
    public static <T> T unmeasured(java.util.function.Supplier<T> read) {
        UNMEASURED.set(Boolean.TRUE);
        try {
            return read.get();
        } finally {
            UNMEASURED.remove();
        }
    }

    private final PhysicalPlan node;
    private final LongAccumulator rows;
    private final LongAccumulator nanos;
    private final LongAccumulator spill;
    private final MaxAccumulator peak;

    private MeasuredExec(PhysicalPlan node, EmberContext context) {
        this.node = node;
        this.rows = register(context, new LongAccumulator());
        this.nanos = register(context, new LongAccumulator());
        this.spill = register(context, new LongAccumulator());
        this.peak = register(context, new MaxAccumulator());
    }

    /** Registered without a name: stages list named accumulators, and these show in the SQL tab instead. */
    private static <A extends AccumulatorV2<?, ?>> A register(EmberContext context, A accumulator) {
        return context.register(accumulator, null);
    }

    /**
     * {@code plan} with every node measured, and the graph of the nodes with their accumulators (pre-order ids, edges
     * from child to parent). Nodes measured already keep their accumulators.
     */
    public static Measured measure(PhysicalPlan plan, EmberContext context) {
        PhysicalPlan measured = wrap(plan, context);
        return new Measured(measured, graph(measured));
    }

    /** A measured plan and its graph. */
    public record Measured(PhysicalPlan plan, SqlEvents.PlanGraph graph) {}

    /** {@code plan} with every node not measured yet wrapped in a measuring node of its own. */
    public static PhysicalPlan wrap(PhysicalPlan plan, EmberContext context) {
        if (plan instanceof MeasuredExec || plan instanceof dev.ember.sql.execution.adaptive.AdaptivePlanExec) {
            // An adaptive plan measures the plans it runs as it makes them.
            return plan;
        }
        List<PhysicalPlan> children = new ArrayList<>();
        for (PhysicalPlan child : plan.children()) {
            children.add(wrap(child, context));
        }
        return new MeasuredExec(children.isEmpty() ? plan : plan.withChildren(children), context);
    }

    /**
     * The graph of a plan as the UI draws it, walking the subtrees nodes hide from planning too ({@link
     * ExecutedSubtrees}); measured nodes name their accumulators, others (a plan that has not run) none.
     */
    public static SqlEvents.PlanGraph graph(PhysicalPlan plan) {
        List<SqlEvents.PlanNode> nodes = new ArrayList<>();
        List<SqlEvents.PlanEdge> edges = new ArrayList<>();
        graph(plan, nodes, edges);
        return new SqlEvents.PlanGraph(nodes, edges);
    }

    private static void graph(PhysicalPlan plan, List<SqlEvents.PlanNode> nodes, List<SqlEvents.PlanEdge> edges) {
        int id = nodes.size();
        nodes.add(null);
        for (PhysicalPlan child : ExecutedSubtrees.shownChildren(plan)) {
            edges.add(new SqlEvents.PlanEdge(nodes.size(), id));
            graph(child, nodes, edges);
        }
        PhysicalPlan node = plan instanceof MeasuredExec measured ? measured.node : plan;
        String name = node.getClass().getSimpleName().replaceAll("Exec$", "");
        List<SqlEvents.PlanMetric> metrics = plan instanceof MeasuredExec measured
                ? List.of(
                        new SqlEvents.PlanMetric("number of output rows", measured.rows.id(), "count"),
                        new SqlEvents.PlanMetric("time", measured.nanos.id(), "nanos"),
                        new SqlEvents.PlanMetric("spill size", measured.spill.id(), "bytes"),
                        new SqlEvents.PlanMetric("peak memory", measured.peak.id(), "bytes"))
                : List.of();
        nodes.set(id, new SqlEvents.PlanNode(id, name, plan.simpleString(), metrics));
    }

    /** The measured node itself. */
    public PhysicalPlan node() {
        return node;
    }

    /** The accumulators of this node and its measured descendants, hidden subtrees included. */
    public static List<AccumulatorV2<?, ?>> accumulators(PhysicalPlan plan) {
        List<AccumulatorV2<?, ?>> all = new ArrayList<>();
        if (plan instanceof MeasuredExec measured) {
            all.add(measured.rows);
            all.add(measured.nanos);
            all.add(measured.spill);
            all.add(measured.peak);
        }
        for (PhysicalPlan child : ExecutedSubtrees.shownChildren(plan)) {
            all.addAll(accumulators(child));
        }
        return all;
    }

    @Override
    public List<PhysicalPlan> children() {
        return node.children();
    }

    @Override
    public PhysicalPlan withChildren(List<PhysicalPlan> children) {
        throw new UnsupportedOperationException("A measured plan is executed as it is, never rewritten");
    }

    @Override
    public List<Attribute> output() {
        return node.output();
    }

    @Override
    public String simpleString() {
        return node.simpleString();
    }

    @Override
    public Partitioning outputPartitioning() {
        return node.outputPartitioning();
    }

    @Override
    public List<SortOrder> outputOrdering() {
        return node.outputOrdering();
    }

    @Override
    public List<Distribution> requiredChildDistribution() {
        return node.requiredChildDistribution();
    }

    @Override
    public List<List<SortOrder>> requiredChildOrdering() {
        return node.requiredChildOrdering();
    }

    @Override
    public RDD<ColumnBatch> execute(ExecutionContext context) {
        return new MeasuredRDD(node.execute(context), rows, nanos, spill, peak);
    }

    /**
     * The node's RDD, measured: the time and spill of opening its iterator (where a sort or a hash join's build side
     * does its work) count too, which a map over the node's output would start measuring only after.
     */
    private static final class MeasuredRDD extends RDD<ColumnBatch> {
        private static final long serialVersionUID = 1L;
        private final LongAccumulator rows;
        private final LongAccumulator nanos;
        private final LongAccumulator spill;
        private final MaxAccumulator peak;

        MeasuredRDD(
                RDD<ColumnBatch> parent,
                LongAccumulator rows,
                LongAccumulator nanos,
                LongAccumulator spill,
                MaxAccumulator peak) {
            super(parent);
            this.rows = rows;
            this.nanos = nanos;
            this.spill = spill;
            this.peak = peak;
        }

        @Override
        protected List<dev.ember.Partition> getPartitions() {
            return firstParent().partitions();
        }

        @Override
        public java.util.Optional<dev.ember.Partitioner> partitioner() {
            return firstParent().partitioner();
        }

        @Override
        protected List<String> getPreferredLocations(dev.ember.Partition split) {
            return firstParent().preferredLocations(split);
        }

        @Override
        @SuppressWarnings("unchecked")
        protected Iterator<ColumnBatch> compute(dev.ember.Partition split, TaskContext task) {
            long spilledBefore = Counting.spilled();
            long start = System.nanoTime();
            Iterator<ColumnBatch> input = ((RDD<ColumnBatch>) firstParent()).iterator(split, task);
            return new Counting(input, rows, nanos, spill, peak, spilledBefore, System.nanoTime() - start);
        }
    }

    /** Counts what passes through and times the pulls; reports when its input ends. */
    private static final class Counting implements Iterator<ColumnBatch> {
        private final Iterator<ColumnBatch> input;
        private final LongAccumulator rows;
        private final LongAccumulator nanos;
        private final LongAccumulator spill;
        private final MaxAccumulator peak;
        private final long spilledBefore;
        private long count;
        private long time;
        private boolean reported;

        Counting(
                Iterator<ColumnBatch> input,
                LongAccumulator rows,
                LongAccumulator nanos,
                LongAccumulator spill,
                MaxAccumulator peak,
                long spilledBefore,
                long openingNanos) {
            this.input = input;
            this.rows = rows;
            this.nanos = nanos;
            this.spill = spill;
            this.peak = peak;
            this.spilledBefore = spilledBefore;
            this.time = openingNanos;
            TaskContext task = TaskContext.get();
            if (task != null) {
                // A consumer that stops early (a limit) never sees the end: report when the task completes.
                task.addTaskCompletionListener(done -> report());
            }
        }

        static long spilled() {
            TaskContext task = TaskContext.get();
            if (task == null) {
                return 0;
            }
            TaskMetrics metrics = task.taskMetrics();
            return metrics.memoryBytesSpilled() + metrics.diskBytesSpilled();
        }

        @Override
        public boolean hasNext() {
            long start = System.nanoTime();
            boolean more = input.hasNext();
            time += System.nanoTime() - start;
            if (!more) {
                report();
            }
            return more;
        }

        @Override
        public ColumnBatch next() {
            long start = System.nanoTime();
            ColumnBatch batch = input.next();
            time += System.nanoTime() - start;
            count += batch.size();
            return batch;
        }

        private void report() {
            if (reported) {
                return;
            }
            reported = true;
            if (UNMEASURED.get() != null) {
                return;
            }
            rows.add(count);
            nanos.add(time);
            spill.add(Math.max(0, spilled() - spilledBefore));
            if (TaskContext.get() instanceof dev.ember.executor.TaskContextImpl task) {
                peak.add(task.taskMemoryManager().peakExecutionMemory());
            }
        }
    }

    /** The largest value added. */
    public static final class MaxAccumulator extends AccumulatorV2<Long, Long> {
        private static final long serialVersionUID = 1L;
        private long max;

        @Override
        public boolean isZero() {
            return max == 0;
        }

        @Override
        public MaxAccumulator copy() {
            MaxAccumulator copy = new MaxAccumulator();
            copy.max = max;
            return copy;
        }

        @Override
        public void reset() {
            max = 0;
        }

        @Override
        public void add(Long value) {
            max = Math.max(max, value);
        }

        @Override
        public void merge(AccumulatorV2<Long, Long> other) {
            max = Math.max(max, other.value());
        }

        @Override
        public Long value() {
            return max;
        }
    }
}
