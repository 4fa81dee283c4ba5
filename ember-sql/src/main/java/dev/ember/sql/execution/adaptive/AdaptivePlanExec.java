package dev.ember.sql.execution.adaptive;

import static java.util.Objects.requireNonNull;

import dev.ember.BlockShuffleDependency;
import dev.ember.EmberContext;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.JobFuture;
import dev.ember.MapOutputStatistics;
import dev.ember.RDD;
import dev.ember.internal.ContextInternals;
import dev.ember.sql.execution.ExecutedSubtrees;
import dev.ember.sql.execution.ExecutionContext;
import dev.ember.sql.execution.MeasuredExec;
import dev.ember.sql.execution.Partitioning;
import dev.ember.sql.execution.PhysicalPlan;
import dev.ember.sql.execution.PhysicalPlanText;
import dev.ember.sql.execution.SqlEvents;
import dev.ember.sql.execution.operators.ShuffleExchangeExec;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.SortOrder;
import dev.ember.sql.vector.ColumnBatch;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * The root of a query run adaptively. Executing it runs the query's exchanges stage by stage, bottom up, each as a job
 * of its own ({@link EmberContext#submitMapStage}); after every round the plan above the computed stages is revised
 * with their real sizes ({@link AdaptiveRules#replan}), and the plan of each stage about to run chooses how to read
 * its inputs ({@link AdaptiveRules#optimizeStage}). The last stage's plan is final: the RDD it makes is the query's.
 *
 * <pre>
 *   initial plan ─► run the exchanges whose inputs have all run ─► revise the rest ─► … ─► final plan
 * </pre>
 *
 * Planning sees a leaf; {@code EXPLAIN} and the UI see the current plan above the initial one. Lives on the driver.
 */
public final class AdaptivePlanExec implements PhysicalPlan, ExecutedSubtrees {
    private static final long serialVersionUID = 1L;

    private final PhysicalPlan initialPlan;
    private final AdaptiveSettings settings;
    private transient volatile PhysicalPlan currentPlan;
    private transient volatile boolean finalPlan;
    private transient int nextStageId;

    /**
     * The SQL execution an action on this thread runs, with its root plan: that plan (not a subquery's planned
     * inside it) reports its revisions to the UI, and leaves its final plan for the execution's metrics. Per thread,
     * so that actions on one Dataset from two threads keep apart.
     */
    private static final ThreadLocal<Execution> EXECUTION = new ThreadLocal<>();

    /** What a plan running as SQL execution {@code id} reports: its final, measured plan once decided. */
    public static final class Execution {
        private final AdaptivePlanExec root;
        private final long id;
        private volatile PhysicalPlan finalPlan;

        private Execution(AdaptivePlanExec root, long id) {
            this.root = root;
            this.id = id;
        }

        /** The final plan this execution ran, measured; null until decided. */
        public PhysicalPlan finalPlan() {
            return finalPlan;
        }
    }

    public AdaptivePlanExec(PhysicalPlan initialPlan, AdaptiveSettings settings) {
        this.initialPlan = requireNonNull(initialPlan, "initialPlan is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.currentPlan = initialPlan;
    }

    /** {@code plan} run adaptively, or {@code plan} itself when it has no exchange to revise the plan at. */
    public static PhysicalPlan of(PhysicalPlan plan, AdaptiveSettings settings) {
        return AdaptiveRules.exchanges(plan) == 0 ? plan : new AdaptivePlanExec(plan, settings);
    }

    public PhysicalPlan initialPlan() {
        return initialPlan;
    }

    /** The plan as revised so far: the initial one until a stage has run; the final one once the query has. */
    public PhysicalPlan currentPlan() {
        PhysicalPlan plan = currentPlan;
        return plan == null ? initialPlan : plan;
    }

    public boolean isFinalPlan() {
        return finalPlan;
    }

    /** Makes this plan, run on this thread, the root of SQL execution {@code id} until {@link #endExecution}. */
    public Execution beginExecution(long id) {
        Execution execution = new Execution(this, id);
        EXECUTION.set(execution);
        return execution;
    }

    /** Ends what {@link #beginExecution} began on this thread. */
    public static void endExecution() {
        EXECUTION.remove();
    }

    /** A copy showing {@code plan} as the current one, for the UI of one execution. */
    private AdaptivePlanExec showing(PhysicalPlan plan, boolean isFinal) {
        AdaptivePlanExec copy = new AdaptivePlanExec(initialPlan, settings);
        copy.currentPlan = plan;
        copy.finalPlan = isFinal;
        return copy;
    }

    @Override
    public synchronized RDD<ColumnBatch> execute(ExecutionContext context) {
        EmberContext ember = context.emberContext();
        Execution execution = EXECUTION.get() != null && EXECUTION.get().root == this ? EXECUTION.get() : null;
        currentPlan = initialPlan;
        finalPlan = false;
        nextStageId = 0;
        PhysicalPlan plan = initialPlan;
        while (true) {
            plan = AdaptiveRules.replan(plan, settings);
            List<ShuffleExchangeExec> ready = AdaptiveRules.readyExchanges(plan);
            if (ready.isEmpty()) {
                break;
            }
            plan = AdaptiveRules.replace(plan, runStages(JoinSides.runFirst(plan, ready, settings), context));
            currentPlan = plan;
            postUpdate(ember, execution, plan, false);
        }
        PhysicalPlan last = MeasuredExec.wrap(AdaptiveRules.optimizeStage(plan, settings), ember);
        currentPlan = last;
        finalPlan = true;
        if (execution != null) {
            execution.finalPlan = last;
        }
        postUpdate(ember, execution, last, true);
        return last.execute(context);
    }

    /** Runs the map sides of {@code exchanges} together and waits for them; their stages by exchange. */
    private Map<PhysicalPlan, QueryStageExec> runStages(List<ShuffleExchangeExec> exchanges, ExecutionContext context) {
        EmberContext ember = context.emberContext();
        List<PhysicalPlan> inputs = new ArrayList<>();
        List<BlockShuffleDependency<ColumnBatch>> dependencies = new ArrayList<>();
        List<JobFuture<MapOutputStatistics>> running = new ArrayList<>();
        Map<PhysicalPlan, QueryStageExec> stages = new IdentityHashMap<>();
        try {
            for (ShuffleExchangeExec exchange : exchanges) {
                PhysicalPlan input = MeasuredExec.wrap(AdaptiveRules.optimizeStage(exchange.child(), settings), ember);
                BlockShuffleDependency<ColumnBatch> dependency = exchange.dependency(input.execute(context));
                inputs.add(input);
                dependencies.add(dependency);
                running.add(ember.submitMapStage(dependency));
            }
            for (int i = 0; i < exchanges.size(); i++) {
                ShuffleExchangeExec exchange = exchanges.get(i);
                MapOutputStatistics statistics = running.get(i).awaitResult();
                stages.put(
                        exchange,
                        new QueryStageExec(
                                nextStageId++,
                                exchange.output(),
                                exchange.partitioning(),
                                exchange.simpleString(),
                                inputs.get(i),
                                dependencies.get(i),
                                exchange.reader(),
                                statistics,
                                null,
                                null));
            }
            return stages;
        } catch (ExecutionException e) {
            running.forEach(future -> future.cancel(true));
            Throwable cause = e.getCause();
            if (cause instanceof EmberException ember2) {
                throw new EmberException(ember2.errorClass(), ember2.detail(), ember2);
            }
            throw new EmberException(ErrorClass.JOB_ABORTED, "A stage of the query failed: " + cause, cause);
        } catch (RuntimeException | Error e) {
            running.forEach(future -> future.cancel(true));
            throw e;
        }
    }

    /** Tells the UI the plan of {@code execution} is now {@code plan}; nothing for a plan that is not its root. */
    private void postUpdate(EmberContext ember, Execution execution, PhysicalPlan plan, boolean isFinal) {
        if (execution == null) {
            return;
        }
        AdaptivePlanExec shown = showing(plan, isFinal);
        ContextInternals.listenerBus(ember)
                .post(new SqlEvents.ExecutionPlanUpdate(
                        execution.id,
                        "== Physical Plan ==\n" + PhysicalPlanText.tree(shown),
                        MeasuredExec.graph(shown)));
    }

    @Override
    public List<PhysicalPlan> executedSubtrees() {
        return List.of(currentPlan());
    }

    @Override
    public List<PhysicalPlan> children() {
        return List.of();
    }

    @Override
    public PhysicalPlan withChildren(List<PhysicalPlan> children) {
        return this;
    }

    @Override
    public List<Attribute> output() {
        return initialPlan.output();
    }

    @Override
    public Partitioning outputPartitioning() {
        return new Partitioning.Unknown(0);
    }

    @Override
    public List<SortOrder> outputOrdering() {
        return initialPlan.outputOrdering();
    }

    @Override
    public String simpleString() {
        return "AdaptivePlan isFinalPlan=" + finalPlan;
    }
}
