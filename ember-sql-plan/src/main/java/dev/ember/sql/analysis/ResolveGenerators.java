package dev.ember.sql.analysis;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.Alias;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.AttributeReference;
import dev.ember.sql.expressions.ExprId;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Expressions;
import dev.ember.sql.expressions.MultiAlias;
import dev.ember.sql.expressions.NamedExpression;
import dev.ember.sql.expressions.UnresolvedAlias;
import dev.ember.sql.expressions.generators.Generator;
import dev.ember.sql.plans.logical.BoundGenerate;
import dev.ember.sql.plans.logical.Generate;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Plans;
import dev.ember.sql.plans.logical.Project;
import dev.ember.sql.types.StructField;
import java.util.ArrayList;
import java.util.List;

/**
 * Binds generators: a {@code LATERAL VIEW} ({@link Generate}) once its generator is bound, and a generator in a select
 * list, which moves below the projection:
 *
 * <pre>
 *   Project [a, explode(xs) AS x]    ==>   Project [a, x]
 *   +- R                                  +- Generate explode(xs), [x]
 *                                            +- R
 * </pre>
 *
 * The new columns take the names the query gives ({@code AS x}, {@code LATERAL VIEW explode(m) t AS k, v}) or the
 * generator's own ({@code col}; {@code key, value}; {@code pos}). A select list holds at most one generator, at its
 * top level, as in Spark.
 */
final class ResolveGenerators implements dev.ember.sql.rules.Rule {
    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        return Plans.transformUp(plan, node -> {
            if (node instanceof Generate generate
                    && generate.child().resolved()
                    && generate.generator().resolved()) {
                if (!(generate.generator() instanceof Generator generator)) {
                    throw new EmberException(
                            ErrorClass.INVALID_SQL,
                            "LATERAL VIEW needs a generator function such as explode, posexplode or inline, but "
                                    + generate.generator().sql() + " is not one");
                }
                List<String> qualifier = generate.qualifier() == null ? List.of() : List.of(generate.qualifier());
                boolean outer = generate.outer() || generator.outer();
                return new BoundGenerate(
                        generator,
                        outer,
                        attributes(generator, generate.columnNames(), qualifier, outer),
                        generate.child());
            }
            if (node instanceof Project project && project.child().resolved()) {
                return selectListGenerator(project);
            }
            return node;
        });
    }

    private static LogicalPlan selectListGenerator(Project project) {
        int index = -1;
        List<NamedExpression> list = project.projectList();
        for (int i = 0; i < list.size(); i++) {
            if (Expressions.anyMatch(list.get(i), Generator.class::isInstance)) {
                if (index >= 0) {
                    throw new EmberException(
                            ErrorClass.INVALID_SQL,
                            "Only one generator is allowed per select list, but there are several: "
                                    + list.get(index).sql() + ", " + list.get(i).sql());
                }
                index = i;
            }
        }
        if (index < 0) {
            return project;
        }
        NamedExpression item = list.get(index);
        Expression inner = item;
        List<String> names = List.of();
        if (item instanceof Alias alias) {
            inner = alias.child();
            names = List.of(alias.name());
        } else if (item instanceof MultiAlias multi) {
            inner = multi.child();
            names = multi.names();
        } else if (item instanceof UnresolvedAlias unnamed) {
            inner = unnamed.child();
        }
        if (!(inner instanceof Generator generator)) {
            throw new EmberException(
                    ErrorClass.INVALID_SQL,
                    "A generator cannot be nested inside an expression: " + item.sql()
                            + ". Use it alone in the select list, or in a LATERAL VIEW");
        }
        if (!generator.resolved()) {
            return project;
        }
        List<Attribute> output = attributes(generator, names, List.of(), generator.outer());
        List<NamedExpression> projectList = new ArrayList<>(list.subList(0, index));
        projectList.addAll(output);
        projectList.addAll(list.subList(index + 1, list.size()));
        return new Project(projectList, new BoundGenerate(generator, generator.outer(), output, project.child()));
    }

    private static List<Attribute> attributes(
            Generator generator, List<String> names, List<String> qualifier, boolean outer) {
        List<StructField> fields = generator.elementFields();
        if (!names.isEmpty() && names.size() != fields.size()) {
            throw new EmberException(
                    ErrorClass.INVALID_SQL,
                    "The generator " + generator.sql() + " makes " + fields.size() + " columns " + fieldNames(fields)
                            + ", but " + names.size() + " names were given: " + names);
        }
        List<Attribute> output = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            StructField field = fields.get(i);
            String name = names.isEmpty() ? field.name() : names.get(i);
            output.add(new AttributeReference(
                    name, field.dataType(), outer || field.nullable(), ExprId.next(), qualifier));
        }
        return output;
    }

    private static List<String> fieldNames(List<StructField> fields) {
        List<String> names = new ArrayList<>();
        for (StructField field : fields) {
            names.add(field.name());
        }
        return names;
    }
}
