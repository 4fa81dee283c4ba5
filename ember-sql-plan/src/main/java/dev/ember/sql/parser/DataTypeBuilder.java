package dev.ember.sql.parser;

import static dev.ember.sql.parser.ParserUtils.identifier;
import static dev.ember.sql.parser.ParserUtils.invalid;

import dev.ember.EmberException;
import dev.ember.sql.parser.EmberSqlParser.ArrayDataTypeContext;
import dev.ember.sql.parser.EmberSqlParser.ColDefinitionContext;
import dev.ember.sql.parser.EmberSqlParser.ColsDdlContext;
import dev.ember.sql.parser.EmberSqlParser.DataTypeContext;
import dev.ember.sql.parser.EmberSqlParser.DayTimeIntervalDataTypeContext;
import dev.ember.sql.parser.EmberSqlParser.MapDataTypeContext;
import dev.ember.sql.parser.EmberSqlParser.PrimitiveDataTypeContext;
import dev.ember.sql.parser.EmberSqlParser.StructDataTypeContext;
import dev.ember.sql.parser.EmberSqlParser.StructFieldContext;
import dev.ember.sql.parser.EmberSqlParser.YearMonthIntervalDataTypeContext;
import dev.ember.sql.types.ArrayType;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.DayTimeIntervalType;
import dev.ember.sql.types.DecimalType;
import dev.ember.sql.types.MapType;
import dev.ember.sql.types.StructField;
import dev.ember.sql.types.StructType;
import dev.ember.sql.types.YearMonthIntervalType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.antlr.v4.runtime.Token;

/**
 * Data types and column definitions. Every name and alias maps to Ember's types: {@code VARCHAR(n)}, {@code CHAR(n)}
 * and {@code CHARACTER(n)} are strings, {@code DECIMAL} without arguments is {@code DECIMAL(10, 0)} and with one is
 * {@code DECIMAL(p, 0)}, {@code TIMESTAMP_LTZ} is {@code TIMESTAMP}, {@code VOID} is the null type.
 */
final class DataTypeBuilder {
    private DataTypeBuilder() {}

    static DataType dataType(DataTypeContext ctx) {
        if (ctx instanceof ArrayDataTypeContext array) {
            return new ArrayType(dataType(array.element), true);
        }
        if (ctx instanceof MapDataTypeContext map) {
            return new MapType(dataType(map.key), dataType(map.value), true);
        }
        if (ctx instanceof StructDataTypeContext struct) {
            List<StructField> fields = new ArrayList<>();
            for (StructFieldContext field : struct.structField()) {
                fields.add(new StructField(
                        identifier(field.name),
                        dataType(field.dataType()),
                        field.NOT() == null,
                        field.comment == null ? null : ParserUtils.string(field.comment)));
            }
            return new StructType(fields);
        }
        if (ctx instanceof YearMonthIntervalDataTypeContext ym) {
            if (ym.to != null && ym.from.getType() != EmberSqlLexer.YEAR) {
                throw invalid(ctx, "The interval type " + ctx.getText() + " does not exist");
            }
            int start =
                    ym.from.getType() == EmberSqlLexer.YEAR ? YearMonthIntervalType.YEAR : YearMonthIntervalType.MONTH;
            return new YearMonthIntervalType(start, ym.to != null ? YearMonthIntervalType.MONTH : start);
        }
        if (ctx instanceof DayTimeIntervalDataTypeContext dt) {
            if (dt.to != null && rank(dt.to) <= rank(dt.from)) {
                throw invalid(ctx, "The interval type " + ctx.getText() + " does not exist");
            }
            return new DayTimeIntervalType(rank(dt.from), dt.to != null ? rank(dt.to) : rank(dt.from));
        }
        return primitive((PrimitiveDataTypeContext) ctx);
    }

    private static int rank(Token unit) {
        return switch (unit.getType()) {
            case EmberSqlLexer.DAY -> 0;
            case EmberSqlLexer.HOUR -> 1;
            case EmberSqlLexer.MINUTE -> 2;
            default -> 3;
        };
    }

    private static DataType primitive(PrimitiveDataTypeContext ctx) {
        int type = ctx.primitiveType().getStart().getType();
        List<Integer> parameters = new ArrayList<>();
        for (Token parameter : ctx.parameters) {
            try {
                parameters.add(Integer.parseInt(parameter.getText()));
            } catch (NumberFormatException e) {
                throw invalid(ctx, "The type parameter " + parameter.getText() + " is too large");
            }
        }
        switch (type) {
            case EmberSqlLexer.DECIMAL, EmberSqlLexer.DEC, EmberSqlLexer.NUMERIC -> {
                if (parameters.size() > 2) {
                    break;
                }
                try {
                    return parameters.isEmpty()
                            ? DecimalType.USER_DEFAULT
                            : new DecimalType(parameters.get(0), parameters.size() == 2 ? parameters.get(1) : 0);
                } catch (EmberException e) {
                    throw invalid(ctx, e.detail());
                }
            }
            case EmberSqlLexer.STRING -> {
                if (parameters.isEmpty()) {
                    return DataTypes.StringType;
                }
            }
            case EmberSqlLexer.VARCHAR, EmberSqlLexer.CHAR, EmberSqlLexer.CHARACTER -> {
                if (parameters.size() <= 1) {
                    return DataTypes.StringType;
                }
            }
            default -> {
                if (parameters.isEmpty()) {
                    return simple(type);
                }
            }
        }
        throw ParserUtils.unsupported(ctx, "The data type " + ctx.getText().toUpperCase(Locale.ROOT));
    }

    private static DataType simple(int type) {
        return switch (type) {
            case EmberSqlLexer.BOOLEAN -> DataTypes.BooleanType;
            case EmberSqlLexer.TINYINT, EmberSqlLexer.BYTE -> DataTypes.ByteType;
            case EmberSqlLexer.SMALLINT, EmberSqlLexer.SHORT -> DataTypes.ShortType;
            case EmberSqlLexer.INT, EmberSqlLexer.INTEGER -> DataTypes.IntegerType;
            case EmberSqlLexer.BIGINT, EmberSqlLexer.LONG -> DataTypes.LongType;
            case EmberSqlLexer.FLOAT, EmberSqlLexer.REAL -> DataTypes.FloatType;
            case EmberSqlLexer.DOUBLE -> DataTypes.DoubleType;
            case EmberSqlLexer.BINARY -> DataTypes.BinaryType;
            case EmberSqlLexer.DATE -> DataTypes.DateType;
            case EmberSqlLexer.TIMESTAMP, EmberSqlLexer.TIMESTAMP_LTZ -> DataTypes.TimestampType;
            case EmberSqlLexer.TIMESTAMP_NTZ -> DataTypes.TimestampNTZType;
            case EmberSqlLexer.VOID -> DataTypes.NullType;
            default -> throw new IllegalStateException("Unknown primitive type " + type);
        };
    }

    /**
     * A schema written as column definitions ({@code a INT, b STRING NOT NULL COMMENT 'x'}). A DEFAULT value has no
     * place in a schema and is refused.
     */
    static StructType schema(ColsDdlContext ctx) {
        List<StructField> fields = new ArrayList<>();
        for (ColDefinitionContext column : ctx.colDefinition()) {
            if (column.defaultValue != null) {
                throw ParserUtils.unsupported(column.defaultValue, "A DEFAULT value in a schema");
            }
            fields.add(new StructField(
                    identifier(column.name),
                    dataType(column.dataType()),
                    column.NOT() == null,
                    column.comment == null ? null : ParserUtils.string(column.comment)));
        }
        return new StructType(fields);
    }
}
