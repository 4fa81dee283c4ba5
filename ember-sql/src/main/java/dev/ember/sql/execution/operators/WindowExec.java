package dev.ember.sql.execution.operators;

import static java.util.Objects.requireNonNull;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.RDD;
import dev.ember.sql.execution.BoundExpressions;
import dev.ember.sql.execution.Distribution;
import dev.ember.sql.execution.ExecutionContext;
import dev.ember.sql.execution.Partitioning;
import dev.ember.sql.execution.PhysicalPlan;
import dev.ember.sql.execution.eval.VectorExpression;
import dev.ember.sql.expressions.Alias;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.InternalRow;
import dev.ember.sql.expressions.NamedExpression;
import dev.ember.sql.expressions.SortOrder;
import dev.ember.sql.expressions.WindowExpression;
import dev.ember.sql.expressions.WindowFrame;
import dev.ember.sql.expressions.WindowSpec;
import dev.ember.sql.expressions.aggregate.AggregateExpression;
import dev.ember.sql.plans.logical.PlanText;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DateType;
import dev.ember.sql.types.DayTimeIntervalType;
import dev.ember.sql.vector.ColumnBatch;
import java.util.ArrayList;
import java.util.List;

/**
 * Computes window functions sharing one partitioning and order. Its input is clustered by the partition keys (all in
 * one partition without keys) and sorted by them and the order keys within each task, which {@code
 * EnsureRequirements} arranges; it then reads one partition group at a time, computes every window expression over
 * the group ({@link WindowGroups}) and appends their values as columns to the group's rows.
 */
public record WindowExec(
        List<NamedExpression> windowExpressions,
        List<Expression> partitionSpec,
        List<SortOrder> orderSpec,
        PhysicalPlan child)
        implements UnaryExec {
    private static final long serialVersionUID = 1L;
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    public WindowExec {
        windowExpressions = List.copyOf(windowExpressions);
        partitionSpec = List.copyOf(partitionSpec);
        orderSpec = List.copyOf(orderSpec);
        requireNonNull(child, "child is null");
    }

    @Override
    public PhysicalPlan withChildren(List<PhysicalPlan> children) {
        return new WindowExec(windowExpressions, partitionSpec, orderSpec, children.get(0));
    }

    @Override
    public List<Attribute> output() {
        List<Attribute> output = new ArrayList<>(child.output());
        for (NamedExpression expression : windowExpressions) {
            output.add(expression.toAttribute());
        }
        return output;
    }

    @Override
    public Partitioning outputPartitioning() {
        return child.outputPartitioning();
    }

    @Override
    public List<SortOrder> outputOrdering() {
        return child.outputOrdering();
    }

    @Override
    public List<Distribution> requiredChildDistribution() {
        if (partitionSpec.isEmpty()) {
            return List.of(Distribution.AllTuples.INSTANCE);
        }
        return List.of(new Distribution.Clustered(partitionSpec, 0, false));
    }

    @Override
    public List<List<SortOrder>> requiredChildOrdering() {
        List<SortOrder> ordering = new ArrayList<>();
        for (Expression key : partitionSpec) {
            ordering.add(SortOrder.ascending(key));
        }
        ordering.addAll(orderSpec);
        return List.of(ordering);
    }

    @Override
    public RDD<ColumnBatch> execute(ExecutionContext context) {
        List<Attribute> input = child.output();
        List<VectorExpression> partitionKeys = BoundExpressions.compile(partitionSpec, input);
        List<Expression> orderKeys = new ArrayList<>();
        for (SortOrder order : orderSpec) {
            orderKeys.add(order.child());
        }
        List<WindowGroups.Function> functions = new ArrayList<>();
        for (NamedExpression named : windowExpressions) {
            WindowExpression window = windowOf(named);
            WindowSpec spec = (WindowSpec) window.window();
            WindowFrame frame = spec.frame();
            Expression function = window.function();
            List<Expression> inputs = new ArrayList<>();
            if (function instanceof AggregateExpression aggregate) {
                inputs.addAll(aggregate.function().children());
                if (aggregate.filter() != null) {
                    inputs.add(aggregate.filter());
                }
            } else {
                inputs.addAll(function.children());
            }
            functions.add(new WindowGroups.Function(
                    function,
                    BoundExpressions.compile(inputs, input),
                    frame.type(),
                    frame.lower().kind(),
                    offset(frame.lower(), spec),
                    frame.upper().kind(),
                    offset(frame.upper(), spec)));
        }
        List<DataType> types = new ArrayList<>(BoundExpressions.types(input));
        for (NamedExpression named : windowExpressions) {
            types.add(named.dataType());
        }
        WindowGroups.Plan plan = new WindowGroups.Plan(
                partitionKeys, BoundExpressions.compile(orderKeys, input), orderSpec, functions, input.size(), types);
        return child.execute(context).mapPartitions(batches -> new WindowGroups(plan).run(batches), true);
    }

    private static WindowExpression windowOf(NamedExpression named) {
        if (named instanceof Alias alias && alias.child() instanceof WindowExpression window) {
            return window;
        }
        throw new EmberException(
                ErrorClass.INTERNAL_ERROR, "A window operator computes aliased window expressions, not " + named);
    }

    /** The value of a bound's offset; an interval offset of a date key in days. */
    private static Object offset(WindowFrame.Bound bound, WindowSpec spec) {
        if (bound.offset() == null) {
            return null;
        }
        Object value = bound.offset().eval(InternalRow.EMPTY);
        if (bound.offset().dataType() instanceof DayTimeIntervalType
                && spec.orderBy().get(0).dataType() instanceof DateType) {
            return Math.floorDiv((Long) value, MICROS_PER_DAY);
        }
        return value;
    }

    @Override
    public String simpleString() {
        return "Window " + PlanText.list(windowExpressions) + ", " + PlanText.list(partitionSpec) + ", "
                + PlanText.list(orderSpec);
    }
}
