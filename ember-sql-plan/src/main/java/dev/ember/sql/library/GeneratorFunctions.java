package dev.ember.sql.library;

import dev.ember.sql.catalog.FunctionInfo;
import dev.ember.sql.catalog.FunctionRegistry;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.GroupingFunction;
import dev.ember.sql.expressions.generators.Explode;
import dev.ember.sql.expressions.generators.Inline;
import dev.ember.sql.types.ArrayType;
import dev.ember.sql.types.MapType;
import dev.ember.sql.types.StructType;
import java.util.ArrayList;
import java.util.List;

/**
 * Generators, which make rows rather than values and go in a select list (one per list) or a {@code LATERAL VIEW}:
 * {@code explode}, {@code posexplode} and {@code inline}, each with an {@code _outer} variant that keeps a row making
 * none. Also {@code grouping} and {@code grouping_id}, which the expansion of grouping sets replaces.
 */
final class GeneratorFunctions {
    private GeneratorFunctions() {}

    static void register(FunctionRegistry r) {
        for (boolean outer : new boolean[] {false, true}) {
            String suffix = outer ? "_outer" : "";
            generator(
                    r,
                    "_FUNC_(expr) - Separates the elements of array expr into multiple rows, or the elements of map"
                            + " expr into multiple rows and columns."
                            + (outer ? " Keeps a row for null or empty expr." : ""),
                    c -> {
                        c.count(1);
                        collection(c);
                        return new Explode(c.arg(0), false, outer);
                    },
                    "explode" + suffix);
            generator(
                    r,
                    "_FUNC_(expr) - Separates the elements of array expr into multiple rows with positions, or the"
                            + " elements of map expr into multiple rows and columns with positions.",
                    c -> {
                        c.count(1);
                        collection(c);
                        return new Explode(c.arg(0), true, outer);
                    },
                    "posexplode" + suffix);
            generator(
                    r,
                    "_FUNC_(expr) - Explodes an array of structs into a table.",
                    c -> {
                        c.count(1);
                        if (!(c.type(0) instanceof ArrayType array && array.elementType() instanceof StructType)) {
                            throw c.mismatch(0, "ARRAY<STRUCT>");
                        }
                        return new Inline(c.arg(0), outer);
                    },
                    "inline" + suffix);
        }
        generator(
                r,
                "_FUNC_(n, expr1, ..., exprk) - Separates expr1, ..., exprk into n rows, of columns col0, col1...",
                GeneratorFunctions::stack,
                "stack");
        r.register(
                "grouping",
                FunctionInfo.Kind.SCALAR,
                "grouping(col) - Indicates whether a specified column in a GROUP BY is aggregated or not, returns 1"
                        + " for aggregated or 0 for not aggregated in the result set.",
                (arguments, context) -> {
                    new Call("grouping", arguments, context).count(1);
                    return new GroupingFunction(false, arguments);
                });
        r.register(
                "grouping_id",
                FunctionInfo.Kind.SCALAR,
                "grouping_id([col1[, col2 ..]]) - Returns the level of grouping, equals to"
                        + " (grouping(c1) << (n-1)) + (grouping(c2) << (n-2)) + ... + grouping(cn).",
                (arguments, context) -> new GroupingFunction(true, arguments));
    }

    private static Expression stack(Call c) {
        c.count(2, -1);
        if (!(c.type(0) instanceof dev.ember.sql.types.IntegerType) || c.constant(0) == null) {
            throw c.mismatch(0, "a constant INT, the number of rows");
        }
        int rows = (Integer) c.constant(0);
        if (rows < 1) {
            throw c.invalid("stack makes at least one row, not " + rows);
        }
        int count = c.size() - 1;
        int width = (count + rows - 1) / rows;
        List<dev.ember.sql.types.DataType> types = new ArrayList<>();
        for (int column = 0; column < width; column++) {
            dev.ember.sql.types.DataType type = dev.ember.sql.types.DataTypes.NullType;
            for (int index = 1 + column; index <= count; index += width) {
                int argument = index;
                type = dev.ember.sql.analysis.ImplicitCasts.widerType(type, c.type(argument))
                        .orElseThrow(() -> c.invalid(
                                "The values of column col" + (argument - 1) % width + " have no common type"));
            }
            types.add(type);
        }
        List<Expression> values = new ArrayList<>();
        for (int index = 1; index <= count; index++) {
            values.add(c.as(index, types.get((index - 1) % width)));
        }
        return new dev.ember.sql.expressions.generators.Stack(rows, values, types);
    }

    private static void collection(Call c) {
        if (!(c.type(0) instanceof ArrayType) && !(c.type(0) instanceof MapType)) {
            throw c.mismatch(0, "ARRAY or MAP");
        }
    }

    private static void generator(FunctionRegistry r, String usage, BuiltinFunctions.Body body, String name) {
        r.register(
                name,
                FunctionInfo.Kind.GENERATOR,
                usage.replace("_FUNC_", name),
                (arguments, context) -> body.build(new Call(name, arguments, context)));
    }
}
