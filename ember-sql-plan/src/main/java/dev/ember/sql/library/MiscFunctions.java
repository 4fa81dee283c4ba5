package dev.ember.sql.library;

import static dev.ember.sql.library.BuiltinFunctions.scalar;

import dev.ember.sql.catalog.FunctionRegistry;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Literal;
import dev.ember.sql.expressions.Murmur3Hash;
import dev.ember.sql.expressions.ScalarFunction;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import java.util.ArrayList;
import java.util.List;

/**
 * Miscellaneous functions: {@code typeof}, {@code hash} (32-bit MurmurHash3 of the arguments, seed 42, see {@link
 * Murmur3Hash}), {@code current_database} ({@code default}) and {@code version}. Functions that depend on how a query
 * executes ({@code monotonically_increasing_id}, {@code spark_partition_id}) are not here.
 */
final class MiscFunctions {
    /** The version {@code version()} reports. */
    static final String VERSION = "0.1.0";

    private MiscFunctions() {}

    static void register(FunctionRegistry r) {
        scalar(
                r,
                "_FUNC_(expr) - Return DDL-formatted type string for the data type of the input.",
                c -> {
                    c.count(1);
                    String type = c.type(0).simpleString();
                    return new ScalarFunction(
                            c.name, List.of(c.arg(0)), DataTypes.StringType, false, false, true, a -> type);
                },
                "typeof");
        scalar(
                r,
                "_FUNC_(expr1, expr2, ...) - Returns a hash value of the arguments.",
                c -> {
                    c.count(1, -1);
                    List<DataType> types = new ArrayList<>();
                    for (Expression argument : c.args) {
                        types.add(argument.dataType());
                    }
                    return new ScalarFunction(c.name, c.args, DataTypes.IntegerType, false, false, true, a -> {
                        int h = Murmur3Hash.DEFAULT_SEED;
                        for (int i = 0; i < a.length; i++) {
                            h = Murmur3Hash.hash(a[i], types.get(i), h);
                        }
                        return h;
                    });
                },
                "hash");
        scalar(
                r,
                "_FUNC_() - Returns the current database.",
                c -> {
                    c.count(0);
                    return Literal.of("default");
                },
                "current_database",
                "current_schema");
        scalar(
                r,
                "_FUNC_() - Returns the Ember version.",
                c -> {
                    c.count(0);
                    return Literal.of(VERSION);
                },
                "version");
    }
}
