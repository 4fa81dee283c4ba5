package dev.ember.sql;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.catalog.FunctionInfo;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.ScalarFunction;
import dev.ember.sql.types.DataType;
import java.io.Serializable;
import java.util.List;

/**
 * Functions of the user's own, callable from SQL and {@code functions.call_function}: {@code
 * session.udf().register("plus_one", (UDF1<Integer, Integer>) x -> x + 1, DataTypes.IntegerType)}. Arguments arrive as
 * the Java values of {@link Row} ({@code Integer}, {@code String}, {@code java.sql.Date}...); a null argument gives
 * null without calling the function. The function travels to executors, so it must be serializable (a lambda of these
 * interfaces is).
 */
public final class UDFRegistration {
    private final EmberSession session;

    UDFRegistration(EmberSession session) {
        this.session = session;
    }

    /** A function of no argument. */
    @FunctionalInterface
    public interface UDF0<R> extends Serializable {
        R call() throws Exception;
    }

    /** A function of one argument. */
    @FunctionalInterface
    public interface UDF1<A, R> extends Serializable {
        R call(A a) throws Exception;
    }

    /** A function of two arguments. */
    @FunctionalInterface
    public interface UDF2<A, B, R> extends Serializable {
        R call(A a, B b) throws Exception;
    }

    /** A function of three arguments. */
    @FunctionalInterface
    public interface UDF3<A, B, C, R> extends Serializable {
        R call(A a, B b, C c) throws Exception;
    }

    /**
     * A function of any fixed number of arguments, given as an array: for functions whose arity is only known when
     * they are registered (a Java UDF class a Connect client names).
     */
    @FunctionalInterface
    public interface UDFN extends Serializable {
        Object call(Object[] arguments) throws Exception;
    }

    /** Registers {@code function}, which takes {@code arity} arguments. */
    public void register(String name, int arity, UDFN function, DataType returnType) {
        if (arity < 0) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT, "A function takes at least 0 arguments, not " + arity);
        }
        registerBody(name, arity, function::call, returnType);
    }

    public void register(String name, UDF0<?> function, DataType returnType) {
        registerBody(name, 0, arguments -> function.call(), returnType);
    }

    @SuppressWarnings("unchecked")
    public <A> void register(String name, UDF1<A, ?> function, DataType returnType) {
        registerBody(name, 1, arguments -> function.call((A) arguments[0]), returnType);
    }

    @SuppressWarnings("unchecked")
    public <A, B> void register(String name, UDF2<A, B, ?> function, DataType returnType) {
        registerBody(name, 2, arguments -> function.call((A) arguments[0], (B) arguments[1]), returnType);
    }

    @SuppressWarnings("unchecked")
    public <A, B, C> void register(String name, UDF3<A, B, C, ?> function, DataType returnType) {
        registerBody(
                name, 3, arguments -> function.call((A) arguments[0], (B) arguments[1], (C) arguments[2]), returnType);
    }

    /** Registers a typed aggregate ({@link functions#udaf}) under {@code name}, for SQL and {@code call_function}. */
    public UserDefinedAggregate register(String name, UserDefinedAggregate aggregate) {
        UserDefinedAggregate named = aggregate.withName(name);
        session.sessionCatalog()
                .functions()
                .register(
                        name,
                        FunctionInfo.Kind.AGGREGATE,
                        name + " - a user-defined aggregate function",
                        (arguments, context) -> named.build(arguments));
        return named;
    }

    /** The Java-valued function, after its arguments are converted. */
    @FunctionalInterface
    private interface Body extends Serializable {
        Object call(Object[] arguments) throws Exception;
    }

    private void registerBody(String name, int arity, Body body, DataType returnType) {
        String display = name;
        session.sessionCatalog()
                .functions()
                .register(name, FunctionInfo.Kind.SCALAR, name + " - a user-defined function", (arguments, context) -> {
                    if (arguments.size() != arity) {
                        throw new EmberException(
                                ErrorClass.UNRESOLVED_ROUTINE,
                                "The function " + display + " takes " + arity + " arguments, but " + arguments.size()
                                        + " were given");
                    }
                    List<DataType> types =
                            arguments.stream().map(Expression::dataType).toList();
                    return new ScalarFunction(display, arguments, returnType, true, true, true, values -> {
                        Object[] external = new Object[values.length];
                        for (int i = 0; i < values.length; i++) {
                            external[i] = ExternalValues.toExternal(values[i], types.get(i));
                        }
                        Object result;
                        try {
                            result = body.call(external);
                        } catch (RuntimeException e) {
                            throw e;
                        } catch (Exception e) {
                            throw new EmberException(
                                    ErrorClass.INVALID_ARGUMENT, "The function " + display + " failed: " + e, e);
                        }
                        return ExternalValues.toInternal(result, returnType, "the result of " + display);
                    });
                });
    }
}
