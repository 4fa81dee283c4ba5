package dev.ember.sql;

import dev.ember.sql.types.StructType;
import java.io.Serializable;

/**
 * How values of a Java type become rows and back, for typed Datasets: {@code Encoders.bean(Person.class)},
 * {@code Encoders.STRING()}. A value is a row of the encoder's {@link #schema()}: a bean's or record's properties, or
 * one column named {@code value} for a single value.
 */
public interface Encoder<T> extends Serializable {
    /** The columns a value becomes. */
    StructType schema();

    /** The Java class of the values. */
    Class<T> clazz();

    /** The value of a row of internal values, in the order of {@link #schema()}. */
    T fromRow(Object[] row);

    /** The row of internal values of a value. */
    Object[] toRow(T value);

    /** Whether a value is a struct of fields (a bean, a record, a tuple, a row) rather than a single value. */
    default boolean isStruct() {
        return true;
    }
}
