package dev.ember.sql.plans.logical;

import dev.ember.sql.expressions.Expression;
import java.util.ArrayList;
import java.util.List;

/** How plans write their expressions in one-line forms and trees. */
public final class PlanText {
    private PlanText() {}

    /** {@code [a#1, (b#2 + 1) AS c#3]}. */
    public static String list(List<? extends Expression> expressions) {
        List<String> parts = new ArrayList<>(expressions.size());
        for (Expression expression : expressions) {
            parts.add(expr(expression));
        }
        return "[" + String.join(", ", parts) + "]";
    }

    /**
     * An expression as plans show it: its SQL text, with each column and alias followed by its id ({@code (a#1 >
     * 2)}), so that columns of the same name are told apart.
     */
    public static String expr(Expression expression) {
        if (expression == null) {
            return "null";
        }
        Expression marked = dev.ember.sql.expressions.Expressions.transformUp(expression, node -> {
            if (node instanceof dev.ember.sql.expressions.AttributeReference attribute) {
                return new Shown(attribute.toString(), attribute);
            }
            return node;
        });
        String text = marked.sql();
        if (expression instanceof dev.ember.sql.expressions.Alias alias) {
            return text + alias.exprId();
        }
        return text;
    }

    /** A column shown by its name and id. */
    private record Shown(String text, Expression original) implements Expression {
        @Override
        public List<Expression> children() {
            return List.of();
        }

        @Override
        public Expression withChildren(List<Expression> children) {
            return this;
        }

        @Override
        public dev.ember.sql.types.DataType dataType() {
            return original.dataType();
        }

        @Override
        public boolean nullable() {
            return original.nullable();
        }

        @Override
        public Object eval(dev.ember.sql.expressions.InternalRow input) {
            throw new UnsupportedOperationException("shown only");
        }

        @Override
        public String sql() {
            return text;
        }
    }

    /** The plan as an indented tree, one node per line, as {@code EXPLAIN} prints it. */
    public static String tree(LogicalPlan plan) {
        StringBuilder text = new StringBuilder();
        tree(plan, "", "", text);
        return text.toString();
    }

    private static void tree(LogicalPlan plan, String firstPrefix, String prefix, StringBuilder text) {
        text.append(firstPrefix).append(plan.simpleString()).append('\n');
        List<LogicalPlan> children = plan.children();
        for (int i = 0; i < children.size(); i++) {
            boolean last = i == children.size() - 1;
            tree(children.get(i), prefix + (last ? "+- " : ":- "), prefix + (last ? "   " : ":  "), text);
        }
    }
}
