package dev.ember.sql.types;

import static java.util.Objects.requireNonNull;

/** A list of values of one type; {@code containsNull} says whether an element may be null. */
public record ArrayType(DataType elementType, boolean containsNull) implements DataType {
    private static final long serialVersionUID = 1L;

    public ArrayType {
        requireNonNull(elementType, "elementType is null");
    }

    @Override
    public String sql() {
        return "ARRAY<" + elementType.sql() + ">";
    }

    @Override
    public String simpleString() {
        return "array<" + elementType.simpleString() + ">";
    }

    @Override
    public int defaultSize() {
        return elementType.defaultSize();
    }

    @Override
    public String toString() {
        return "ArrayType(" + elementType + "," + containsNull + ")";
    }
}
