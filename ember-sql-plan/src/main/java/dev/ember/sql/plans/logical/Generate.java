package dev.ember.sql.plans.logical;

import static java.util.Objects.requireNonNull;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Expression;
import java.util.List;
import java.util.function.Function;

/**
 * {@code LATERAL VIEW [OUTER] generator(args) qualifier AS columnNames}: each input row joined with the rows the
 * generator ({@code explode}, {@code posexplode}, {@code inline}...) makes of it; with {@code outer}, a row for which
 * it makes none is kept once with nulls. The new columns take {@code columnNames} (the generator's own names when
 * empty) and are qualified by {@code qualifier} (null for none). It stays unresolved until the analyzer binds the
 * generator and gives the new columns their ids.
 */
public record Generate(
        Expression generator, boolean outer, String qualifier, List<String> columnNames, LogicalPlan child)
        implements LogicalPlan {
    private static final long serialVersionUID = 1L;

    public Generate {
        requireNonNull(generator, "generator is null");
        columnNames = List.copyOf(columnNames);
        requireNonNull(child, "child is null");
    }

    @Override
    public List<LogicalPlan> children() {
        return List.of(child);
    }

    @Override
    public LogicalPlan withChildren(List<LogicalPlan> children) {
        return new Generate(generator, outer, qualifier, columnNames, children.get(0));
    }

    @Override
    public boolean resolved() {
        return false;
    }

    @Override
    public List<Attribute> output() {
        throw new EmberException(ErrorClass.INTERNAL_ERROR, "The generator " + generator.sql() + " is not bound yet");
    }

    @Override
    public List<Expression> expressions() {
        return List.of(generator);
    }

    @Override
    public LogicalPlan mapExpressions(Function<Expression, Expression> function) {
        return new Generate(function.apply(generator), outer, qualifier, columnNames, child);
    }

    @Override
    public String simpleString() {
        return "Generate " + generator + (outer ? ", outer" : "") + (qualifier == null ? "" : ", " + qualifier) + ", "
                + columnNames;
    }
}
