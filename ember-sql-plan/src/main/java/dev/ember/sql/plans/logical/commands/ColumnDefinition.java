package dev.ember.sql.plans.logical.commands;

import static java.util.Objects.requireNonNull;

import dev.ember.sql.expressions.Expression;
import dev.ember.sql.types.DataType;
import java.io.Serializable;

/** A column of {@code CREATE TABLE} or {@code ALTER TABLE ADD COLUMNS}; {@code defaultValue} and {@code comment} may be null. */
public record ColumnDefinition(
        String name, DataType dataType, boolean nullable, Expression defaultValue, String comment)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public ColumnDefinition {
        requireNonNull(name, "name is null");
        requireNonNull(dataType, "dataType is null");
    }
}
