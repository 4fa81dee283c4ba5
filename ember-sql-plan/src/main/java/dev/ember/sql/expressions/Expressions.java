package dev.ember.sql.expressions;

import dev.ember.sql.types.DataType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/** Walks over expression trees: transforms that rebuild only what changed, searches, and the columns an expression reads. */
public final class Expressions {
    private Expressions() {}

    /**
     * Applies {@code rule} to every node, children first; where it returns a different node, that node is used. A
     * subtree the rule leaves as it was is returned as the same object, so callers can tell "no change" by identity.
     */
    public static Expression transformUp(Expression expression, Function<Expression, Expression> rule) {
        Expression withNewChildren = mapChildren(expression, child -> transformUp(child, rule));
        Expression result = rule.apply(withNewChildren);
        return result == null ? withNewChildren : result;
    }

    /** Applies {@code rule} to every node, parents first: the rule's result's children are then transformed. */
    public static Expression transformDown(Expression expression, Function<Expression, Expression> rule) {
        Expression applied = rule.apply(expression);
        Expression node = applied == null ? expression : applied;
        return mapChildren(node, child -> transformDown(child, rule));
    }

    /** {@code expression} with {@code function} applied to each child; the same object if no child changed. */
    public static Expression mapChildren(Expression expression, Function<Expression, Expression> function) {
        List<Expression> children = expression.children();
        if (children.isEmpty()) {
            return expression;
        }
        List<Expression> mapped = new ArrayList<>(children.size());
        boolean changed = false;
        for (Expression child : children) {
            Expression next = function.apply(child);
            changed |= next != child;
            mapped.add(next);
        }
        return changed ? expression.withChildren(mapped) : expression;
    }

    /** Whether any node of the tree satisfies {@code predicate}. */
    public static boolean anyMatch(Expression expression, Predicate<Expression> predicate) {
        if (predicate.test(expression)) {
            return true;
        }
        for (Expression child : expression.children()) {
            if (anyMatch(child, predicate)) {
                return true;
            }
        }
        return false;
    }

    /** The nodes of the tree of class {@code type}, parents before children. */
    public static <T> List<T> collect(Expression expression, Class<T> type) {
        List<T> found = new ArrayList<>();
        collect(expression, type, found);
        return found;
    }

    private static <T> void collect(Expression expression, Class<T> type, List<T> found) {
        if (type.isInstance(expression)) {
            found.add(type.cast(expression));
        }
        for (Expression child : expression.children()) {
            collect(child, type, found);
        }
    }

    /** The columns the expression reads, in the order first met. */
    public static Set<Attribute> references(Expression expression) {
        Set<Attribute> references = new LinkedHashSet<>();
        for (Attribute attribute : collect(expression, Attribute.class)) {
            references.add(attribute);
        }
        return references;
    }

    /** The columns any of the expressions reads. */
    public static Set<Attribute> references(List<? extends Expression> expressions) {
        Set<Attribute> references = new LinkedHashSet<>();
        for (Expression expression : expressions) {
            references.addAll(references(expression));
        }
        return references;
    }

    /** The conjuncts of a predicate: {@code a AND (b AND c)} gives a, b, c. */
    public static List<Expression> splitConjuncts(Expression predicate) {
        List<Expression> conjuncts = new ArrayList<>();
        splitConjuncts(predicate, conjuncts);
        return conjuncts;
    }

    private static void splitConjuncts(Expression predicate, List<Expression> conjuncts) {
        if (predicate instanceof And and) {
            splitConjuncts(and.left(), conjuncts);
            splitConjuncts(and.right(), conjuncts);
        } else {
            conjuncts.add(predicate);
        }
    }

    /** The conjunction of {@code predicates}, or null when there are none. */
    public static Expression and(List<Expression> predicates) {
        Expression result = null;
        for (Expression predicate : predicates) {
            result = result == null ? predicate : new And(result, predicate);
        }
        return result;
    }

    /** The name a result column gets when the query gives none: its expression as SQL, as Spark names it. */
    public static String autoName(Expression expression) {
        if (expression instanceof NamedExpression named) {
            return named.name();
        }
        if (expression instanceof UnresolvedAttribute attribute) {
            return attribute.nameParts().get(attribute.nameParts().size() - 1);
        }
        return pretty(expression).sql();
    }

    /**
     * {@code expression} as Spark's automatic column names write it: without the casts the analyzer inserted, and
     * with literals as their values ({@code x} for {@code 'x'}, {@code 10} for {@code 10L}, {@code 1.5} for {@code
     * 1.5BD}; dates and timestamps keep their {@code DATE '...'} form).
     */
    static Expression pretty(Expression expression) {
        return transformUp(expression, node -> {
            if (node instanceof Cast cast && cast.implicit()) {
                return cast.child();
            }
            if (node instanceof ScalarFunction function
                    && function.name().equals("cast")
                    && function.children().size() == 1) {
                return function.children().get(0);
            }
            if (node instanceof Cast cast
                    && !cast.tryCast()
                    && cast.child() instanceof PrettyText text
                    && text.dataType() instanceof dev.ember.sql.types.StringType
                    && (cast.dataType() instanceof dev.ember.sql.types.DateType
                            || cast.dataType() instanceof dev.ember.sql.types.TimestampType
                            || cast.dataType() instanceof dev.ember.sql.types.TimestampNTZType)) {
                // A typed literal as written: DATE '2024-01-01'.
                String keyword = cast.dataType() instanceof dev.ember.sql.types.DateType ? "DATE" : "TIMESTAMP";
                return new PrettyText(keyword + " '" + text.text() + "'", cast.dataType());
            }
            if (node instanceof Literal literal) {
                return new PrettyText(literalText(literal), literal.dataType());
            }
            return node;
        });
    }

    private static String literalText(Literal literal) {
        Object value = literal.value();
        DataType type = literal.dataType();
        if (value == null) {
            return "NULL";
        }
        if (type instanceof dev.ember.sql.types.StringType) {
            return value.toString();
        }
        if (type.isNumeric() || type instanceof dev.ember.sql.types.BooleanType) {
            return ValueText.toText(value, type, java.time.ZoneOffset.UTC);
        }
        return literal.sql();
    }

    /**
     * {@code expression} with every attribute replaced by a {@link BoundReference} to its position in {@code input},
     * for evaluation on rows of that layout.
     */
    public static Expression bind(Expression expression, List<Attribute> input) {
        return transformUp(expression, node -> {
            if (node instanceof Attribute attribute) {
                for (int i = 0; i < input.size(); i++) {
                    if (input.get(i).exprId().equals(attribute.exprId())) {
                        return new BoundReference(i, attribute.dataType(), attribute.nullable());
                    }
                }
                throw new dev.ember.EmberException(
                        dev.ember.ErrorClass.INTERNAL_ERROR,
                        "The column " + attribute + " is not among the input columns " + input);
            }
            return node;
        });
    }
}
