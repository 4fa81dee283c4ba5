package dev.ember.sql.library;

import static dev.ember.sql.library.BuiltinFunctions.scalar;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.analysis.ImplicitCasts;
import dev.ember.sql.catalog.FunctionRegistry;
import dev.ember.sql.expressions.CaseWhen;
import dev.ember.sql.expressions.Coalesce;
import dev.ember.sql.expressions.Comparison;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.IsNotNull;
import dev.ember.sql.expressions.IsNull;
import dev.ember.sql.expressions.Literal;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Conditional and null functions, built of the expressions that exist for them: {@code coalesce}, {@code nvl} and
 * {@code ifnull} are a {@link Coalesce}; {@code if}, {@code nvl2} and {@code nullif} a {@link CaseWhen}; {@code
 * equal_null} a null-safe {@link Comparison}. The values that may be returned are first cast to their wider type.
 */
final class ConditionalFunctions {
    private ConditionalFunctions() {}

    static void register(FunctionRegistry r) {
        scalar(
                r,
                "_FUNC_(expr1, expr2, ...) - Returns the first non-null argument if exists. Otherwise, null.",
                c -> {
                    c.count(1, -1);
                    return new Coalesce(widen(c, c.args));
                },
                "coalesce");
        scalar(
                r,
                "_FUNC_(expr1, expr2) - Returns expr2 if expr1 is null, or expr1 otherwise.",
                c -> {
                    c.count(2);
                    return new Coalesce(widen(c, c.args));
                },
                "nvl",
                "ifnull");
        scalar(
                r,
                "_FUNC_(expr1, expr2, expr3) - Returns expr2 if expr1 is not null, or expr3 otherwise.",
                c -> {
                    c.count(3);
                    List<Expression> values = widen(c, c.args.subList(1, 3));
                    return new CaseWhen(List.of(new IsNotNull(c.arg(0))), List.of(values.get(0)), values.get(1));
                },
                "nvl2");
        scalar(
                r,
                "_FUNC_(expr1, expr2) - Returns null if expr1 equals to expr2, or expr1 otherwise.",
                c -> {
                    c.count(2);
                    List<Expression> compared = widen(c, c.args);
                    return new CaseWhen(
                            List.of(new Comparison(Comparison.Op.EQUAL, compared.get(0), compared.get(1))),
                            List.of(Literal.nullOf(c.type(0))),
                            c.arg(0));
                },
                "nullif");
        scalar(
                r,
                "_FUNC_(expr1, expr2, expr3) - If expr1 evaluates to true, then returns expr2; otherwise returns"
                        + " expr3.",
                c -> {
                    c.count(3);
                    Expression condition = c.bool(0);
                    List<Expression> values = widen(c, c.args.subList(1, 3));
                    return new CaseWhen(List.of(condition), List.of(values.get(0)), values.get(1));
                },
                "if",
                "iff");
        scalar(
                r,
                "_FUNC_(expr) - Returns true if expr is null, or false otherwise.",
                c -> {
                    c.count(1);
                    return new IsNull(c.arg(0));
                },
                "isnull");
        scalar(
                r,
                "_FUNC_(expr) - Returns true if expr is not null, or false otherwise.",
                c -> {
                    c.count(1);
                    return new IsNotNull(c.arg(0));
                },
                "isnotnull");
        scalar(
                r,
                "_FUNC_(expr1, expr2) - Returns same result as the EQUAL(=) operator for non-null operands, but"
                        + " returns true if both are null, false if one of them is null.",
                c -> {
                    c.count(2);
                    List<Expression> compared = widen(c, c.args);
                    return new Comparison(Comparison.Op.NULL_SAFE_EQUAL, compared.get(0), compared.get(1));
                },
                "equal_null");
        scalar(
                r,
                "_FUNC_(expr[, message]) - Throws an exception if expr is not true, or returns null.",
                c -> {
                    c.count(1, 2);
                    List<Expression> args = new ArrayList<>();
                    args.add(c.bool(0));
                    String sql = c.arg(0).sql();
                    if (c.size() == 2) {
                        args.add(c.string(1));
                    }
                    return c.fnNullAware(
                            DataTypes.NullType,
                            a -> {
                                if (!Boolean.TRUE.equals(a[0])) {
                                    String message =
                                            a.length > 1 && a[1] != null ? (String) a[1] : "'" + sql + "' is not true!";
                                    throw new EmberException(ErrorClass.INVALID_ARGUMENT, message);
                                }
                                return null;
                            },
                            args);
                },
                "assert_true");
        scalar(
                r,
                "_FUNC_(expr) - Throws an exception with expr as its message.",
                c -> {
                    c.count(1);
                    return new dev.ember.sql.expressions.ScalarFunction(
                            c.name, List.of(c.string(0)), DataTypes.NullType, false, true, false, a -> {
                                throw new EmberException(
                                        ErrorClass.INVALID_ARGUMENT, a[0] == null ? "null" : (String) a[0]);
                            });
                },
                "raise_error");
    }

    /** {@code expressions} cast to their wider type, or a type mismatch naming the call. */
    static List<Expression> widen(Call c, List<Expression> expressions) {
        List<DataType> types = new ArrayList<>();
        for (Expression expression : expressions) {
            types.add(expression.dataType());
        }
        Optional<DataType> wider = ImplicitCasts.widerType(types);
        if (wider.isEmpty()) {
            throw new EmberException(
                    ErrorClass.DATATYPE_MISMATCH,
                    "The arguments of " + c.sql() + " must share a type, but they are "
                            + String.join(
                                    ", ", types.stream().map(DataType::sql).toList()));
        }
        List<Expression> cast = new ArrayList<>();
        for (Expression expression : expressions) {
            cast.add(ImplicitCasts.castIfNeeded(expression, wider.get(), c.timeZone()));
        }
        return cast;
    }
}
