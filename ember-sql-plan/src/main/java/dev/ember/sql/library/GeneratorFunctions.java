package dev.ember.sql.library;

import dev.ember.sql.catalog.FunctionInfo;
import dev.ember.sql.catalog.FunctionRegistry;
import dev.ember.sql.expressions.GroupingFunction;
import dev.ember.sql.expressions.generators.Explode;
import dev.ember.sql.expressions.generators.Inline;
import dev.ember.sql.types.ArrayType;
import dev.ember.sql.types.MapType;
import dev.ember.sql.types.StructType;

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
