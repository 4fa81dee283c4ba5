package dev.ember.sql.analysis;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.Alias;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.NamedExpression;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Plans;
import dev.ember.sql.plans.logical.Project;
import java.util.ArrayList;
import java.util.List;

/** Turns {@link ColumnAliases} over a resolved child into a projection that renames each column by position. */
final class ResolveColumnAliases implements dev.ember.sql.rules.Rule {
    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        return Plans.transformUp(plan, node -> {
            if (node instanceof ColumnAliases aliases && aliases.child().resolved()) {
                List<Attribute> output = aliases.child().output();
                if (output.size() != aliases.names().size()) {
                    throw new EmberException(
                            ErrorClass.INVALID_SQL,
                            "The relation " + aliases.relation() + " has " + output.size() + " columns, but "
                                    + aliases.names().size() + " names were given for them: " + aliases.names());
                }
                List<NamedExpression> renamed = new ArrayList<>();
                for (int i = 0; i < output.size(); i++) {
                    renamed.add(Alias.of(output.get(i), aliases.names().get(i)));
                }
                return new Project(renamed, aliases.child());
            }
            return node;
        });
    }
}
