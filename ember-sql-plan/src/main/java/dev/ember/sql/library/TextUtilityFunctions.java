package dev.ember.sql.library;

import static dev.ember.sql.library.BuiltinFunctions.scalar;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.catalog.FunctionRegistry;
import dev.ember.sql.catalog.Suggestions;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.ScalarFunction;
import dev.ember.sql.expressions.Values;
import dev.ember.sql.types.BinaryType;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.List;

/**
 * String utilities: {@code levenshtein}, {@code find_in_set}, {@code elt}, {@code encode} and {@code decode} (text to
 * and from bytes in a character set; with more than two arguments, {@code decode(expr, search, result, ...,
 * default)} picks the result of the first search equal to expr, as Oracle's does).
 */
final class TextUtilityFunctions {
    private TextUtilityFunctions() {}

    static void register(FunctionRegistry r) {
        scalar(
                r,
                "_FUNC_(str1, str2[, threshold]) - Returns the edit distance between the two strings; -1 when it is"
                        + " more than threshold.",
                c -> {
                    c.count(2, 3);
                    if (c.size() == 2) {
                        return c.fn(
                                DataTypes.IntegerType,
                                a -> Suggestions.distance((String) a[0], (String) a[1]),
                                c.string(0),
                                c.string(1));
                    }
                    return c.fn(
                            DataTypes.IntegerType,
                            a -> {
                                int d = Suggestions.distance((String) a[0], (String) a[1]);
                                return d > (Integer) a[2] ? -1 : d;
                            },
                            c.string(0),
                            c.string(1),
                            c.integer(2));
                },
                "levenshtein");
        scalar(
                r,
                "_FUNC_(str, str_array) - Returns the 1-based position of str in the comma-separated str_array, 0 if"
                        + " it is not there or contains a comma.",
                c -> {
                    c.count(2);
                    return c.fn(
                            DataTypes.IntegerType,
                            a -> findInSet((String) a[0], (String) a[1]),
                            c.string(0),
                            c.string(1));
                },
                "find_in_set");
        scalar(
                r,
                "_FUNC_(n, input1, input2, ...) - Returns the n-th input (1-based).",
                c -> {
                    c.count(2, -1);
                    List<Expression> arguments = new ArrayList<>();
                    arguments.add(c.integer(0));
                    for (int i = 1; i < c.size(); i++) {
                        arguments.add(c.string(i));
                    }
                    int inputs = c.size() - 1;
                    String where = c.sql();
                    return new ScalarFunction(c.name, arguments, DataTypes.StringType, false, true, true, a -> {
                        if (a[0] == null) {
                            return null;
                        }
                        int n = (Integer) a[0];
                        if (n < 1 || n > inputs) {
                            throw new EmberException(
                                    ErrorClass.INVALID_ARGUMENT,
                                    "The index " + n + " is out of bounds: " + where + " has " + inputs
                                            + " inputs. Use try_element_at on an array to get null instead");
                        }
                        return a[n];
                    });
                },
                "elt");
        scalar(
                r,
                "_FUNC_(str, charset) - Encodes str into bytes in the character set charset.",
                c -> {
                    c.count(2);
                    Charset charset = charset(c, 1);
                    return c.fn(DataTypes.BinaryType, a -> ((String) a[0]).getBytes(charset), c.string(0));
                },
                "encode");
        scalar(
                r,
                "_FUNC_(bin, charset) - Decodes bin from the character set charset. _FUNC_(expr, search, result"
                        + " [, search, result] ... [, default]) - Returns the result of the first search equal to"
                        + " expr, or default.",
                c -> {
                    if (c.size() == 2
                            && (c.type(0) instanceof BinaryType || c.type(0).equals(DataTypes.NullType))) {
                        Charset charset = charset(c, 1);
                        return c.fn(DataTypes.StringType, a -> new String((byte[]) a[0], charset), c.arg(0));
                    }
                    if (c.size() < 3) {
                        throw c.invalid("decode takes a binary and a character set, or an expression, then pairs"
                                + " of search and result values, and optionally a default");
                    }
                    return choose(c);
                },
                "decode");
    }

    /** decode(expr, search1, result1, ..., [default]): null-safe equality, the results' wider type. */
    private static Expression choose(Call c) {
        DataType key = c.type(0);
        DataType result = c.type(2);
        for (int i = 1; i + 1 < c.size(); i += 2) {
            key = dev.ember.sql.analysis.ImplicitCasts.widerType(key, c.type(i))
                    .orElseThrow(() -> c.invalid("The searched values must be comparable with the expression"));
            result = dev.ember.sql.analysis.ImplicitCasts.widerType(result, c.type(i + 1))
                    .orElseThrow(() -> c.invalid("The results must have a common type"));
        }
        if (c.size() % 2 == 0) {
            result = dev.ember.sql.analysis.ImplicitCasts.widerType(result, c.type(c.size() - 1))
                    .orElseThrow(() -> c.invalid("The default must have the results' type"));
        }
        List<Expression> arguments = new ArrayList<>();
        for (int i = 0; i < c.size(); i++) {
            boolean isResult = i > 0 && (i % 2 == 0 || i == c.size() - 1 && c.size() % 2 == 0);
            arguments.add(c.as(i, isResult ? result : key));
        }
        DataType keyType = key;
        int size = c.size();
        return new ScalarFunction(c.name, arguments, result, false, true, true, a -> {
            for (int i = 1; i + 1 < size; i += 2) {
                if (a[0] == null ? a[i] == null : a[i] != null && Values.equal(a[0], a[i], keyType)) {
                    return a[i + 1];
                }
            }
            return size % 2 == 0 ? a[size - 1] : null;
        });
    }

    private static Charset charset(Call c, int index) {
        Object name = c.constant(index);
        if (!(name instanceof String text)) {
            throw c.mismatch(index, "a constant STRING naming a character set");
        }
        try {
            return Charset.forName(text);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw c.invalid("Unknown character set '" + text + "'");
        }
    }

    private static int findInSet(String value, String list) {
        if (value.contains(",")) {
            return 0;
        }
        String[] items = list.split(",", -1);
        for (int i = 0; i < items.length; i++) {
            if (items[i].equals(value)) {
                return i + 1;
            }
        }
        return 0;
    }
}
