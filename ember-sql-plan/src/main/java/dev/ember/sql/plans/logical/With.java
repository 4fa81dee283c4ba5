package dev.ember.sql.plans.logical;

import static java.util.Objects.requireNonNull;

import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Expression;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code WITH name [(columns)] AS (query), ... child}: named subqueries that {@code child} (and later definitions)
 * refer to by name. The analyzer substitutes them.
 */
public record With(List<Definition> definitions, LogicalPlan child) implements LogicalPlan {
    private static final long serialVersionUID = 1L;

    /** One named subquery, with the column names it gives its output, if any. */
    public record Definition(String name, List<String> columnNames, LogicalPlan query) implements Serializable {
        public Definition {
            requireNonNull(name, "name is null");
            columnNames = List.copyOf(columnNames);
            requireNonNull(query, "query is null");
        }
    }

    public With {
        definitions = List.copyOf(definitions);
        requireNonNull(child, "child is null");
    }

    @Override
    public List<LogicalPlan> children() {
        List<LogicalPlan> children = new ArrayList<>();
        for (Definition definition : definitions) {
            children.add(definition.query());
        }
        children.add(child);
        return children;
    }

    @Override
    public LogicalPlan withChildren(List<LogicalPlan> children) {
        List<Definition> replaced = new ArrayList<>();
        for (int i = 0; i < definitions.size(); i++) {
            Definition definition = definitions.get(i);
            replaced.add(new Definition(definition.name(), definition.columnNames(), children.get(i)));
        }
        return new With(replaced, children.get(children.size() - 1));
    }

    @Override
    public boolean resolved() {
        return false;
    }

    @Override
    public List<Attribute> output() {
        return child.output();
    }

    @Override
    public List<Expression> expressions() {
        return List.of();
    }

    @Override
    public LogicalPlan mapExpressions(Function<Expression, Expression> function) {
        return this;
    }

    @Override
    public String simpleString() {
        List<String> names = new ArrayList<>();
        for (Definition definition : definitions) {
            names.add(definition.name());
        }
        return "With " + names;
    }
}
