package dev.ember.sql.plans.logical;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.Attribute;
import java.util.List;

/** A table or view named in the query ({@code db.t}), before the analyzer looks it up in the catalog. */
public record UnresolvedRelation(List<String> nameParts) implements LeafNode {
    private static final long serialVersionUID = 1L;

    public UnresolvedRelation {
        nameParts = List.copyOf(nameParts);
    }

    @Override
    public List<Attribute> output() {
        throw new EmberException(ErrorClass.INTERNAL_ERROR, "The relation " + name() + " is not resolved");
    }

    @Override
    public boolean resolved() {
        return false;
    }

    public String name() {
        return String.join(".", nameParts);
    }

    @Override
    public String simpleString() {
        return "UnresolvedRelation " + name();
    }
}
