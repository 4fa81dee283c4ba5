package dev.ember.connect;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.connect.planner.ProtoTypes;
import dev.ember.connect.planner.Unsupported;
import dev.ember.connect.proto.CommonInlineUserDefinedFunction;
import dev.ember.connect.rdd.RddExecution;
import dev.ember.sql.UDFRegistration;
import dev.ember.sql.types.DataType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Java user-defined functions clients register by class name ({@code spark.udf().registerJava(name, className,
 * type)}): the class, found among the session's jar artifacts, implements one of {@code UDF0}..{@code UDF22} and has
 * a public constructor without arguments. The function is registered in the session's engine session only, and the
 * session's queries from then on run in the class scope of its jars, so executors load the class too.
 */
final class JavaUdfs {
    private static final String INTERFACES = "org.apache.spark.sql.api.java.UDF";
    private static final int MAX_ARITY = 22;

    private JavaUdfs() {}

    static void register(ConnectSession session, CommonInlineUserDefinedFunction function) {
        String name = function.getFunctionName();
        switch (function.getFunctionCase()) {
            case JAVA_UDF -> {}
            case SCALAR_SCALA_UDF ->
                throw Unsupported.feature(
                        "Scala UDFs (their closures need Scala and Spark on the server); write the function as a Java class"
                                + " implementing UDF1..UDF22, upload its jar with addArtifact, and register it with"
                                + " registerJava");
            case PYTHON_UDF -> throw Unsupported.feature("Python UDFs");
            case FUNCTION_NOT_SET -> throw Unsupported.invalid("a function registration without a function");
        }
        var java = function.getJavaUdf();
        if (name.isEmpty()) {
            throw Unsupported.invalid("a function registration without a name");
        }
        if (java.getAggregate()) {
            throw Unsupported.feature(
                    "Java aggregate functions (UserDefinedAggregateFunction) registered by class name");
        }
        if (!java.hasOutputType()) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "registerJava(" + name + ", " + java.getClassName() + ") needs the function's return type");
        }
        DataType returnType = ProtoTypes.fromProto(java.getOutputType());
        RddExecution.Classes classes = session.jarClasses();
        ClassLoader loader = classes != null ? classes.loader() : JavaUdfs.class.getClassLoader();
        Class<?> type;
        try {
            // Not initialized before it is known to be a UDF: no static code of an arbitrary class runs here.
            type = Class.forName(java.getClassName(), false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "registerJava(" + name + "): the class " + java.getClassName() + " is in none of this session's"
                            + " jars (upload the jar with addArtifact first): " + e,
                    e);
        }
        int arity = arity(type);
        Object instance;
        try {
            instance = type.getConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "registerJava(" + name + "): " + type.getName() + " could not be created with its public"
                            + " constructor without arguments: "
                            + (e instanceof InvocationTargetException t ? t.getCause() : e),
                    e);
        }
        session.session().udf().register(name, arity, new Call(instance, arity), returnType);
        if (classes != null) {
            session.useFunctionClasses(classes);
        }
    }

    /** The number of arguments of the {@code UDFn} interface {@code type} implements. */
    private static int arity(Class<?> type) {
        Deque<Class<?>> pending = new ArrayDeque<>();
        pending.add(type);
        while (!pending.isEmpty()) {
            Class<?> next = pending.poll();
            for (Class<?> implemented : next.getInterfaces()) {
                String name = implemented.getName();
                if (name.startsWith(INTERFACES)) {
                    try {
                        int arity = Integer.parseInt(name.substring(INTERFACES.length()));
                        if (arity <= MAX_ARITY) {
                            return arity;
                        }
                    } catch (NumberFormatException notOne) {
                        // UDFRegistration and the like: not a function interface.
                    }
                }
                pending.add(implemented);
            }
            if (next.getSuperclass() != null) {
                pending.add(next.getSuperclass());
            }
        }
        throw new EmberException(
                ErrorClass.INVALID_ARGUMENT,
                type.getName() + " implements none of " + INTERFACES + "0.." + INTERFACES + MAX_ARITY);
    }

    /** Calls the UDF's {@code call} method; the method is looked up again where the function is deserialized. */
    private static final class Call implements UDFRegistration.UDFN {
        private static final long serialVersionUID = 1L;

        private final Object udf;
        private final int arity;
        private transient volatile Method call;

        Call(Object udf, int arity) {
            this.udf = udf;
            this.arity = arity;
        }

        @Override
        public Object call(Object[] arguments) throws Exception {
            Method method = call;
            if (method == null) {
                Class<?>[] parameters = new Class<?>[arity];
                java.util.Arrays.fill(parameters, Object.class);
                method = Class.forName(INTERFACES + arity, false, udf.getClass().getClassLoader())
                        .getMethod("call", parameters);
                call = method;
            }
            try {
                return method.invoke(udf, arguments);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof Exception cause) {
                    throw cause;
                }
                throw e;
            }
        }
    }
}
