package dev.ember.sql.plans.logical.commands;

import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.types.DataTypes;
import java.util.List;

/**
 * {@code SHOW TABLES [IN database] [[LIKE] 'pattern']}: {@code database} and {@code pattern} are null when absent.
 * Returns namespace, tableName and isTemporary.
 */
public record ShowTables(List<String> database, String pattern) implements Command {
    private static final long serialVersionUID = 1L;

    private static final List<Attribute> OUTPUT = List.of(
            Command.column("namespace", DataTypes.StringType, false),
            Command.column("tableName", DataTypes.StringType, false),
            Command.column("isTemporary", DataTypes.BooleanType, false));

    public ShowTables {
        database = database == null ? null : List.copyOf(database);
    }

    @Override
    public List<Attribute> output() {
        return OUTPUT;
    }
}
