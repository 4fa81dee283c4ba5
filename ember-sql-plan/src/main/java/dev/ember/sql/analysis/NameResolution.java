package dev.ember.sql.analysis;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.GetField;
import dev.ember.sql.types.Identifiers;
import dev.ember.sql.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a name written in a query ({@code a}, {@code t.a}, {@code s.f.g}, {@code t.s.f}) finds a column among a node's
 * input: first as a qualified name (its first part the relation's alias), then as a column name; what is left of the
 * name after the column names fields of nested structs. Names compare without regard to case. Two columns matching
 * the same way make the name ambiguous, which is an error naming both.
 */
final class NameResolution {
    private NameResolution() {}

    static Optional<Expression> resolve(List<String> nameParts, List<Attribute> input) {
        // t.a (and db.t.a): the qualifier first, as it is the most specific reading.
        for (int qualifierLength = Math.min(2, nameParts.size() - 1); qualifierLength >= 1; qualifierLength--) {
            List<String> qualifier = nameParts.subList(0, qualifierLength);
            String column = nameParts.get(qualifierLength);
            List<Attribute> matches = new ArrayList<>();
            for (Attribute attribute : input) {
                if (sameName(attribute.name(), column) && qualifierEnds(attribute.qualifier(), qualifier)) {
                    matches.add(attribute);
                }
            }
            if (!matches.isEmpty()) {
                return Optional.ofNullable(fields(
                        unique(matches, nameParts),
                        nameParts.subList(qualifierLength + 1, nameParts.size()),
                        nameParts));
            }
        }
        List<Attribute> matches = new ArrayList<>();
        for (Attribute attribute : input) {
            if (sameName(attribute.name(), nameParts.get(0))) {
                matches.add(attribute);
            }
        }
        if (matches.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(
                fields(unique(matches, nameParts), nameParts.subList(1, nameParts.size()), nameParts));
    }

    private static boolean sameName(String a, String b) {
        return Identifiers.normalize(a).equals(Identifiers.normalize(b));
    }

    private static boolean qualifierEnds(List<String> qualifier, List<String> wanted) {
        if (qualifier.size() < wanted.size()) {
            return false;
        }
        List<String> tail = qualifier.subList(qualifier.size() - wanted.size(), qualifier.size());
        for (int i = 0; i < wanted.size(); i++) {
            if (!sameName(tail.get(i), wanted.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static Attribute unique(List<Attribute> matches, List<String> nameParts) {
        List<Attribute> distinct = new ArrayList<>();
        for (Attribute match : matches) {
            if (distinct.stream().noneMatch(seen -> seen.exprId().equals(match.exprId()))) {
                distinct.add(match);
            }
        }
        if (distinct.size() > 1) {
            List<String> candidates = new ArrayList<>();
            for (Attribute match : distinct) {
                candidates.add(qualifiedName(match));
            }
            throw new EmberException(
                    ErrorClass.INVALID_SQL,
                    "The reference " + String.join(".", nameParts) + " is ambiguous: it could be any of " + candidates
                            + ". Qualify it with its table's name or alias");
        }
        return distinct.get(0);
    }

    /** {@code t.a}, or {@code a} when the column has no qualifier. */
    static String qualifiedName(Attribute attribute) {
        List<String> parts = new ArrayList<>();
        for (String part : attribute.qualifier()) {
            parts.add(Identifiers.quoteIfNeeded(part));
        }
        parts.add(Identifiers.quoteIfNeeded(attribute.name()));
        return String.join(".", parts);
    }

    private static Expression fields(Expression base, List<String> fieldNames, List<String> nameParts) {
        Expression current = base;
        for (String field : fieldNames) {
            if (!(current.dataType() instanceof StructType struct)) {
                // Not this column's field: the name may still be a qualified name of an enclosing query
                // (dept.dept_id in a subquery whose own input has a column dept).
                return null;
            }
            int index = struct.fieldIndex(field);
            current = new GetField(current, index, struct.field(index).name());
        }
        return current;
    }
}
