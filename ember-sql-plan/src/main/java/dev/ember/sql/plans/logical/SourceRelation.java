package dev.ember.sql.plans.logical;

import static java.util.Objects.requireNonNull;

import dev.ember.sql.catalog.RelationSource;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.AttributeReference;
import dev.ember.sql.types.StructField;
import java.util.ArrayList;
import java.util.List;

/**
 * A relation read from a source (files, an in-memory table): {@code output} has one column per field of the source's
 * schema, or fewer once the optimizer pruned the ones nothing reads. {@code pushedFilters} are the conjuncts the
 * optimizer handed to the scan; the scan may use them to skip data, and the filter above still checks every row.
 */
public record SourceRelation(
        RelationSource source, List<Attribute> output, List<dev.ember.sql.expressions.Expression> pushedFilters)
        implements LeafNode {
    private static final long serialVersionUID = 1L;

    public SourceRelation {
        requireNonNull(source, "source is null");
        output = List.copyOf(output);
        pushedFilters = List.copyOf(pushedFilters);
    }

    /** A relation over every column of {@code source}, each a new column. */
    public static SourceRelation of(RelationSource source) {
        List<Attribute> output = new ArrayList<>();
        for (StructField field : source.schema()) {
            output.add(AttributeReference.create(field.name(), field.dataType(), field.nullable()));
        }
        return new SourceRelation(source, output, List.of());
    }

    @Override
    public String simpleString() {
        return "Relation " + source.description() + " " + PlanText.list(output)
                + (pushedFilters.isEmpty() ? "" : ", pushed " + PlanText.list(pushedFilters));
    }
}
