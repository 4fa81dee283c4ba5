package dev.ember.sql.parser;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.StructType;
import java.util.List;

/** Placeholder until the AST builder is merged. */
public final class SqlParser {
    private SqlParser() {}

    public static LogicalPlan parsePlan(String sql) {
        throw new EmberException(ErrorClass.UNSUPPORTED_FEATURE, "SQL text is not parsed yet");
    }

    public static Expression parseExpression(String text) {
        throw new EmberException(ErrorClass.UNSUPPORTED_FEATURE, "SQL text is not parsed yet");
    }

    public static DataType parseDataType(String text) {
        throw new EmberException(ErrorClass.UNSUPPORTED_FEATURE, "SQL text is not parsed yet");
    }

    public static StructType parseTableSchema(String text) {
        throw new EmberException(ErrorClass.UNSUPPORTED_FEATURE, "SQL text is not parsed yet");
    }

    public static List<String> parseMultipartIdentifier(String text) {
        throw new EmberException(ErrorClass.UNSUPPORTED_FEATURE, "SQL text is not parsed yet");
    }
}
