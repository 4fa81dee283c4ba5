package dev.ember.sql.types;

import static java.util.Objects.requireNonNull;

/** Keys of one type mapped to values of another; keys are never null, {@code valueContainsNull} says about values. */
public record MapType(DataType keyType, DataType valueType, boolean valueContainsNull) implements DataType {
    private static final long serialVersionUID = 1L;

    public MapType {
        requireNonNull(keyType, "keyType is null");
        requireNonNull(valueType, "valueType is null");
    }

    @Override
    public String sql() {
        return "MAP<" + keyType.sql() + ", " + valueType.sql() + ">";
    }

    @Override
    public String simpleString() {
        return "map<" + keyType.simpleString() + "," + valueType.simpleString() + ">";
    }

    @Override
    public int defaultSize() {
        return keyType.defaultSize() + valueType.defaultSize();
    }

    @Override
    public String toString() {
        return "MapType(" + keyType + "," + valueType + "," + valueContainsNull + ")";
    }
}
