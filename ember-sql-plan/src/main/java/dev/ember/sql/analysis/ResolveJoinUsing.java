package dev.ember.sql.analysis;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.Alias;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Coalesce;
import dev.ember.sql.expressions.Comparison;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Expressions;
import dev.ember.sql.expressions.NamedExpression;
import dev.ember.sql.plans.logical.Join;
import dev.ember.sql.plans.logical.JoinType;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Plans;
import dev.ember.sql.plans.logical.Project;
import dev.ember.sql.types.Identifiers;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code JOIN ... USING (a, b)} and {@code NATURAL JOIN} (USING every column both sides have): an equi-join on those
 * columns, and a projection that shows each of them once — first, taken from the left side (the right for a right
 * join, the non-null of the two for a full join) — then the other columns of the left and of the right.
 */
final class ResolveJoinUsing implements dev.ember.sql.rules.Rule {
    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        return Plans.transformUp(plan, node -> {
            if (!(node instanceof Join join)
                    || (join.usingColumns().isEmpty() && !join.natural())
                    || !join.left().resolved()
                    || !join.right().resolved()) {
                return node;
            }
            List<Attribute> left = join.left().output();
            List<Attribute> right = join.right().output();
            List<String> names = join.natural() ? common(left, right) : join.usingColumns();
            List<Attribute> leftKeys = new ArrayList<>();
            List<Attribute> rightKeys = new ArrayList<>();
            List<Expression> conditions = new ArrayList<>();
            for (String name : names) {
                Attribute l = find(name, left, "left");
                Attribute r = find(name, right, "right");
                leftKeys.add(l);
                rightKeys.add(r);
                conditions.add(new Comparison(Comparison.Op.EQUAL, l, r));
            }
            Expression condition = Expressions.and(conditions);
            if (join.condition() != null) {
                condition = condition == null
                        ? join.condition()
                        : new dev.ember.sql.expressions.And(condition, join.condition());
            }
            JoinType type = join.joinType() == JoinType.CROSS ? JoinType.INNER : join.joinType();
            Join resolved = new Join(join.left(), join.right(), type, condition, List.of(), false, join.hint());
            List<NamedExpression> projection = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                Attribute l = leftKeys.get(i);
                Attribute r = rightKeys.get(i);
                switch (type) {
                    case RIGHT_OUTER -> projection.add(r);
                    case FULL_OUTER -> projection.add(Alias.of(new Coalesce(List.of(l, r)), l.name()));
                    default -> projection.add(l);
                }
            }
            Set<Attribute> keys = new LinkedHashSet<>(leftKeys);
            keys.addAll(rightKeys);
            for (Attribute attribute : resolved.output()) {
                if (!keys.contains(attribute.withNullability(false))
                        && !keys.contains(attribute.withNullability(true))) {
                    projection.add(attribute);
                }
            }
            return new Project(projection, resolved);
        });
    }

    private static List<String> common(List<Attribute> left, List<Attribute> right) {
        List<String> names = new ArrayList<>();
        for (Attribute l : left) {
            for (Attribute r : right) {
                if (Identifiers.normalize(l.name()).equals(Identifiers.normalize(r.name()))
                        && names.stream()
                                .noneMatch(n -> Identifiers.normalize(n).equals(Identifiers.normalize(l.name())))) {
                    names.add(l.name());
                }
            }
        }
        return names;
    }

    private static Attribute find(String name, List<Attribute> side, String which) {
        List<Attribute> matches = side.stream()
                .filter(attribute -> Identifiers.normalize(attribute.name()).equals(Identifiers.normalize(name)))
                .toList();
        if (matches.size() != 1) {
            throw new EmberException(
                    matches.isEmpty() ? ErrorClass.UNRESOLVED_COLUMN : ErrorClass.INVALID_SQL,
                    "The USING column " + Identifiers.quote(name)
                            + (matches.isEmpty()
                                    ? " cannot be found on the " + which + " side of the join, whose columns are "
                                            + side.stream().map(Attribute::name).toList()
                                    : " is ambiguous on the " + which + " side of the join"));
        }
        return matches.get(0);
    }
}
