package dev.ember.sql.expressions;

import static java.util.Objects.requireNonNull;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.Identifiers;
import java.util.List;

/**
 * A resolved column: its name, type, nullability and identity. Two references are the same column when their ids are
 * equal; the name and qualifier are only for showing and for resolving names.
 */
public record AttributeReference(
        String name, DataType dataType, boolean nullable, ExprId exprId, List<String> qualifier) implements Attribute {
    private static final long serialVersionUID = 1L;

    public AttributeReference {
        requireNonNull(name, "name is null");
        requireNonNull(dataType, "dataType is null");
        requireNonNull(exprId, "exprId is null");
        qualifier = List.copyOf(qualifier);
    }

    /** A new column (with a new id). */
    public static AttributeReference create(String name, DataType dataType, boolean nullable) {
        return new AttributeReference(name, dataType, nullable, ExprId.next(), List.of());
    }

    @Override
    public List<Expression> children() {
        return List.of();
    }

    @Override
    public Expression withChildren(List<Expression> children) {
        return this;
    }

    @Override
    public Object eval(InternalRow input) {
        throw new EmberException(
                ErrorClass.INTERNAL_ERROR, "The column " + sql() + " is not bound to an input position");
    }

    @Override
    public Attribute withName(String newName) {
        return new AttributeReference(newName, dataType, nullable, exprId, qualifier);
    }

    @Override
    public Attribute withQualifier(List<String> newQualifier) {
        return new AttributeReference(name, dataType, nullable, exprId, newQualifier);
    }

    @Override
    public Attribute withNullability(boolean newNullable) {
        return new AttributeReference(name, dataType, newNullable, exprId, qualifier);
    }

    @Override
    public Attribute withExprId(ExprId newExprId) {
        return new AttributeReference(name, dataType, nullable, newExprId, qualifier);
    }

    @Override
    public Attribute withDataType(DataType newDataType) {
        return new AttributeReference(name, newDataType, nullable, exprId, qualifier);
    }

    @Override
    public String sql() {
        return Identifiers.quoteIfNeeded(name);
    }

    /** Attributes are equal when they are the same column: same id (and same type and nullability). */
    @Override
    public boolean equals(Object other) {
        return other instanceof AttributeReference attribute
                && attribute.exprId.equals(exprId)
                && attribute.dataType.equals(dataType)
                && attribute.nullable == nullable;
    }

    @Override
    public int hashCode() {
        return exprId.hashCode();
    }

    @Override
    public String toString() {
        return name + exprId;
    }
}
