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
    /** The SQL execution this plan is the root of, whose UI it updates; -1 when none (a subquery's plan). */
    private transient volatile long executionId = -1;

    public AdaptivePlanExec(PhysicalPlan initialPlan, AdaptiveSettings settings) {
        this.initialPlan = requireNonNull(initialPlan, "initialPlan is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.currentPlan = initialPlan;
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

    /** Makes this plan report its revisions to the UI as the plan of SQL execution {@code id}; -1 stops it. */
    public void reportTo(long id) {
        executionId = id;
    }

    @Override
    public synchronized RDD<ColumnBatch> execute(ExecutionContext context) {
        EmberContext ember = context.emberContext();
        currentPlan = initialPlan;
        finalPlan = false;
        PhysicalPlan plan = initialPlan;
        while (true) {
            plan = AdaptiveRules.replan(plan, settings);
            List<ShuffleExchangeExec> ready = AdaptiveRules.readyExchanges(plan);
            if (ready.isEmpty()) {
                break;
            }
            plan = AdaptiveRules.replace(plan, runStages(ready, context));
            currentPlan = plan;
            postUpdate(ember);
        }
        PhysicalPlan last = MeasuredExec.wrap(AdaptiveRules.optimizeStage(plan, settings), ember);
        currentPlan = last;
        finalPlan = true;
        postUpdate(ember);
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
                        QueryStageExec.of(
                                nextStageId++,
                                exchange.output(),
                                exchange.partitioning(),
                                exchange.simpleString(),
                                inputs.get(i),
                                dependencies.get(i),
                                exchange.reader(),
                                statistics));
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

    /** Tells the UI the plan changed, when this is the plan of a SQL execution (not of a subquery inside one). */
    private void postUpdate(EmberContext ember) {
        long id = executionId;
        if (id < 0) {
            return;
        }
        ContextInternals.listenerBus(ember)
                .post(new SqlEvents.ExecutionPlanUpdate(
                        id, "== Physical Plan ==\n" + PhysicalPlanText.tree(this), MeasuredExec.graph(this)));
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
