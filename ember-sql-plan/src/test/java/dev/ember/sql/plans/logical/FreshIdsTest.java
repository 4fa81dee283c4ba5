package dev.ember.sql.plans.logical;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.AttributeReference;
import dev.ember.sql.expressions.ExprId;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Literal;
import dev.ember.sql.expressions.generators.Explode;
import dev.ember.sql.types.DataTypes;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreshIdsTest {
    private static Set<ExprId> ids(LogicalPlan plan) {
        Set<ExprId> ids = new HashSet<>();
        for (Attribute attribute : plan.output()) {
            ids.add(attribute.exprId());
        }
        return ids;
    }

    @Test
    void aCopyDefinesEveryColumnAnewAndItsReferencesFollow() {
        LocalRelation relation = new LocalRelation(
                List.of(
                        AttributeReference.create("a", DataTypes.IntegerType, true),
                        AttributeReference.create("xs", DataTypes.createArrayType(DataTypes.IntegerType), true)),
                List.of());
        Attribute a = relation.output().get(0);
        Attribute xs = relation.output().get(1);
        BoundGenerate generate = new BoundGenerate(
                new Explode(xs, false, false),
                false,
                List.of(AttributeReference.create("x", DataTypes.IntegerType, true)),
                relation);
        Attribute x = generate.generatorOutput().get(0);
        Expand expand = new Expand(
                List.of(
                        List.<Expression>of(a, x, Literal.of(0)),
                        List.<Expression>of(a, Literal.nullOf(DataTypes.IntegerType), Literal.of(1))),
                List.of(
                        AttributeReference.create("a", DataTypes.IntegerType, true),
                        AttributeReference.create("x", DataTypes.IntegerType, true),
                        AttributeReference.create("g", DataTypes.IntegerType, false)),
                generate);

        FreshIds.Copy copy = FreshIds.copy(expand);

        assertThat(ids(copy.plan())).doesNotContainAnyElementsOf(ids(expand));
        BoundGenerate copiedGenerate = (BoundGenerate) copy.plan().children().get(0);
        assertThat(copiedGenerate.generatorOutput().get(0).exprId()).isNotEqualTo(x.exprId());
        Expand copiedExpand = (Expand) copy.plan();
        // The projections read the copied generator's column, not the original one.
        assertThat(copiedExpand.projections().get(0).get(1))
                .isEqualTo(copiedGenerate.generatorOutput().get(0));
        assertThat(copy.follow(x)).isEqualTo(copiedGenerate.generatorOutput().get(0));
        assertThat(copy.follow(a)).isEqualTo(copiedGenerate.child().output().get(0));
    }
}
