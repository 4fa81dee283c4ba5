package dev.ember.sql.plans.logical.commands;

import static java.util.Objects.requireNonNull;

import dev.ember.sql.expressions.Expression;
import java.io.Serializable;

/** One entry of {@code PARTITION (col = value, ...)}; {@code value} is null for a dynamic partition column. */
public record PartitionValue(String column, Expression value) implements Serializable {
    private static final long serialVersionUID = 1L;

    public PartitionValue {
        requireNonNull(column, "column is null");
    }
}
