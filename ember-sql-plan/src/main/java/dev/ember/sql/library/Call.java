package dev.ember.sql.library;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.analysis.ImplicitCasts;
import dev.ember.sql.catalog.FunctionContext;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.InternalRow;
import dev.ember.sql.expressions.ScalarFunction;
import dev.ember.sql.expressions.ScalarKernel;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.DateType;
import dev.ember.sql.types.NullType;
import dev.ember.sql.types.StringType;
import dev.ember.sql.types.TimestampNTZType;
import dev.ember.sql.types.TimestampType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One call of a built-in function being bound: its name as called, its resolved arguments and the session's context,
 * with the checks and implicit casts every builder needs, failing with the messages users see.
 */
final class Call {
    final String name;
    final List<Expression> args;
    final FunctionContext context;

    Call(String name, List<Expression> args, FunctionContext context) {
        this.name = name;
        this.args = List.copyOf(args);
        this.context = context;
    }

    int size() {
        return args.size();
    }

    Expression arg(int index) {
        return args.get(index);
    }

    DataType type(int index) {
        return args.get(index).dataType();
    }

    String timeZone() {
        return context.timeZone();
    }

    /** The call as SQL, as error messages show it. */
    String sql() {
        List<String> parts = new ArrayList<>();
        for (Expression argument : args) {
            parts.add(argument.sql());
        }
        return name + "(" + String.join(", ", parts) + ")";
    }

    /** Fails unless the call has {@code min} to {@code max} arguments ({@code max} -1: no upper bound). */
    Call count(int min, int max) {
        int given = args.size();
        if (given >= min && (max < 0 || given <= max)) {
            return this;
        }
        String takes;
        if (max < 0) {
            takes = "at least " + min + (min == 1 ? " argument" : " arguments");
        } else if (min == max) {
            takes = min == 0 ? "no arguments" : min + (min == 1 ? " argument" : " arguments");
        } else if (max == min + 1) {
            takes = min + " or " + max + " arguments";
        } else {
            takes = min + " to " + max + " arguments";
        }
        throw new EmberException(
                ErrorClass.UNRESOLVED_ROUTINE,
                "The function " + name + " takes " + takes + ", but " + given + " were given: " + sql());
    }

    Call count(int exactly) {
        return count(exactly, exactly);
    }

    /** The error for argument {@code index} (0-based) not being of the {@code wanted} kind. */
    EmberException mismatch(int index, String wanted) {
        return new EmberException(
                ErrorClass.DATATYPE_MISMATCH,
                "The argument " + (index + 1) + " of " + sql() + " must be " + wanted + ", but it is "
                        + type(index).sql());
    }

    EmberException invalid(String message) {
        return new EmberException(ErrorClass.DATATYPE_MISMATCH, message + ": " + sql());
    }

    /** Argument {@code index} cast to {@code wanted} if an implicit cast exists, else a type mismatch. */
    Expression as(int index, DataType wanted) {
        return as(index, wanted, wanted.sql());
    }

    Expression as(int index, DataType wanted, String wantedText) {
        Optional<DataType> target = ImplicitCasts.implicitCast(type(index), wanted);
        if (target.isEmpty()) {
            throw mismatch(index, wantedText);
        }
        return ImplicitCasts.castIfNeeded(arg(index), target.get(), timeZone());
    }

    Expression string(int index) {
        return as(index, DataTypes.StringType);
    }

    Expression integer(int index) {
        return as(index, DataTypes.IntegerType);
    }

    Expression bigint(int index) {
        return as(index, DataTypes.LongType);
    }

    Expression dbl(int index) {
        return as(index, DataTypes.DoubleType);
    }

    Expression bool(int index) {
        return as(index, DataTypes.BooleanType);
    }

    Expression date(int index) {
        return as(index, DataTypes.DateType);
    }

    /** A timestamp argument: timestamp_ntz stays as it is, anything else becomes a timestamp. */
    Expression timestamp(int index) {
        if (type(index) instanceof TimestampNTZType) {
            return arg(index);
        }
        return as(index, DataTypes.TimestampType, "TIMESTAMP");
    }

    /** A numeric argument as it is; a string or void becomes double. */
    Expression numeric(int index) {
        DataType type = type(index);
        if (type.isNumeric()) {
            return arg(index);
        }
        if (type instanceof StringType || type instanceof NullType) {
            return ImplicitCasts.castIfNeeded(arg(index), DataTypes.DoubleType, timeZone());
        }
        throw mismatch(index, "NUMERIC");
    }

    /** Whether argument {@code index} is a date or timestamp (or text that must be read as one). */
    boolean isDatetime(int index) {
        DataType type = type(index);
        return type instanceof DateType || type instanceof TimestampType || type instanceof TimestampNTZType;
    }

    /** The value of a constant argument, evaluated once while binding; fails when the argument is not constant. */
    Object constant(int index) {
        if (!arg(index).foldable()) {
            throw new EmberException(
                    ErrorClass.DATATYPE_MISMATCH,
                    "The argument " + (index + 1) + " of " + sql() + " must be a constant, but it is "
                            + arg(index).sql());
        }
        return arg(index).eval(InternalRow.EMPTY);
    }

    /** Whether argument {@code index} is constant, so that it can be evaluated once while binding. */
    boolean isConstant(int index) {
        return arg(index).foldable();
    }

    /** A null-intolerant function that gives a non-null result for non-null arguments. */
    ScalarFunction fn(DataType result, ScalarKernel kernel, Expression... arguments) {
        return new ScalarFunction(name, List.of(arguments), result, true, false, true, kernel);
    }

    /** A null-intolerant function that may give null for non-null arguments. */
    ScalarFunction fnNullable(DataType result, ScalarKernel kernel, Expression... arguments) {
        return new ScalarFunction(name, List.of(arguments), result, true, true, true, kernel);
    }

    /** A function whose kernel sees null arguments and decides itself. */
    ScalarFunction fnNullAware(DataType result, ScalarKernel kernel, List<Expression> arguments) {
        return new ScalarFunction(name, arguments, result, false, true, true, kernel);
    }

    /** A function whose value changes from call to call. */
    ScalarFunction fnNondeterministic(DataType result, ScalarKernel kernel, List<Expression> arguments) {
        return new ScalarFunction(name, arguments, result, false, true, false, kernel);
    }
}
