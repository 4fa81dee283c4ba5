package dev.ember.sql.plans.logical;

import static java.util.Objects.requireNonNull;

import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.generators.Generator;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A {@link Generate} once bound: each input row followed by the columns {@code generatorOutput} of each row the
 * generator makes of it; with {@code outer}, a row of which it makes none is kept once with nulls there. A generator in
 * a select list ({@code SELECT explode(a) FROM t}) becomes one too, below a projection.
 */
public record BoundGenerate(Generator generator, boolean outer, List<Attribute> generatorOutput, LogicalPlan child)
        implements LogicalPlan {
    private static final long serialVersionUID = 1L;

    public BoundGenerate {
        requireNonNull(generator, "generator is null");
        generatorOutput = List.copyOf(generatorOutput);
        requireNonNull(child, "child is null");
    }

    @Override
    public List<LogicalPlan> children() {
        return List.of(child);
    }

    @Override
    public LogicalPlan withChildren(List<LogicalPlan> children) {
        return new BoundGenerate(generator, outer, generatorOutput, children.get(0));
    }

    @Override
    public List<Attribute> output() {
        List<Attribute> output = new ArrayList<>(child.output());
        output.addAll(generatorOutput);
        return output;
    }

    @Override
    public List<Expression> expressions() {
        return List.of(generator);
    }

    @Override
    public LogicalPlan mapExpressions(Function<Expression, Expression> function) {
        return new BoundGenerate((Generator) function.apply(generator), outer, generatorOutput, child);
    }

    @Override
    public String simpleString() {
        return "Generate " + generator.sql() + (outer ? ", outer" : "") + ", " + PlanText.list(generatorOutput);
    }
}
