package dev.ember.sql.optimizer;

import dev.ember.sql.catalog.RelationSource;
import dev.ember.sql.expressions.Alias;
import dev.ember.sql.expressions.Arithmetic;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.AttributeReference;
import dev.ember.sql.expressions.Comparison;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Literal;
import dev.ember.sql.plans.logical.LocalRelation;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.PlanText;
import dev.ember.sql.plans.logical.SourceRelation;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.StructType;
import java.util.List;

/** Small plans for rule tests: relations of int columns, and comparisons written briefly. */
final class RulesTestSupport {
    private RulesTestSupport() {}

    static LocalRelation relation(String... names) {
        List<Attribute> columns = new java.util.ArrayList<>();
        for (String name : names) {
            columns.add(AttributeReference.create(name, DataTypes.IntegerType, true));
        }
        return new LocalRelation(columns, List.of());
    }

    static SourceRelation source(String... names) {
        StructType schema = new StructType();
        for (String name : names) {
            schema = schema.add(name, DataTypes.IntegerType);
        }
        StructType finalSchema = schema;
        return SourceRelation.of(new RelationSource() {
            @Override
            public String description() {
                return "test";
            }

            @Override
            public StructType schema() {
                return finalSchema;
            }
        });
    }

    static Attribute column(LogicalPlan plan, String name) {
        return plan.output().stream()
                .filter(attribute -> attribute.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    static Expression gt(Expression left, int value) {
        return new Comparison(Comparison.Op.GREATER_THAN, left, Literal.of(value));
    }

    static Expression eq(Expression left, Expression right) {
        return new Comparison(Comparison.Op.EQUAL, left, right);
    }

    static Expression plus(Expression left, int value) {
        return new Arithmetic(Arithmetic.Op.ADD, left, Literal.of(value));
    }

    static Alias alias(Expression child, String name) {
        return Alias.of(child, name);
    }

    static String tree(LogicalPlan plan) {
        return PlanText.tree(plan);
    }
}
