package dev.ember.sql;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.StructField;
import dev.ember.sql.types.StructType;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The encoder of a JavaBean (a public no-argument constructor, and a getter and setter for each property; the columns
 * in the order of the properties' names, as Spark orders them) or of a Java record (its components, in order, through
 * its canonical constructor).
 */
final class BeanEncoder<T> implements Encoder<T> {
    private static final long serialVersionUID = 1L;
    private static final Map<Class<?>, BeanEncoder<?>> CACHE = new ConcurrentHashMap<>();

    private final Class<T> type;
    private transient volatile Shape shape;

    /** The properties, found by reflection once per class in each process. */
    private record Shape(
            StructType schema,
            List<String> names,
            List<Type> types,
            List<Method> getters,
            List<Method> setters,
            Constructor<?> constructor) {}

    private BeanEncoder(Class<T> type) {
        this.type = type;
    }

    @SuppressWarnings("unchecked")
    static <T> BeanEncoder<T> of(Class<T> type) {
        BeanEncoder<T> encoder = (BeanEncoder<T>) CACHE.computeIfAbsent(type, BeanEncoder::new);
        encoder.shape();
        return encoder;
    }

    /** The classes whose shape this thread is finding: a bean that contains itself would never finish. */
    private static final ThreadLocal<java.util.Set<Class<?>>> IN_PROGRESS =
            ThreadLocal.withInitial(java.util.HashSet::new);

    private Shape shape() {
        Shape current = shape;
        if (current == null) {
            java.util.Set<Class<?>> inProgress = IN_PROGRESS.get();
            if (!inProgress.add(type)) {
                throw new EmberException(
                        ErrorClass.UNSUPPORTED_FEATURE,
                        "The bean " + type.getName() + " contains itself (directly or through other beans); an"
                                + " encoder's columns must be finite");
            }
            try {
                current = type.isRecord() ? recordShape() : beanShape();
            } finally {
                inProgress.remove(type);
            }
            shape = current;
        }
        return current;
    }

    private Shape recordShape() {
        List<String> names = new ArrayList<>();
        List<Type> types = new ArrayList<>();
        List<Method> getters = new ArrayList<>();
        List<Class<?>> parameters = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            names.add(component.getName());
            types.add(component.getGenericType());
            Method accessor = component.getAccessor();
            accessor.setAccessible(true);
            getters.add(accessor);
            parameters.add(component.getType());
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(parameters.toArray(Class<?>[]::new));
            constructor.setAccessible(true);
            return new Shape(schema(names, types), names, types, getters, List.of(), constructor);
        } catch (NoSuchMethodException e) {
            throw new EmberException(
                    ErrorClass.INTERNAL_ERROR, "The record " + type.getName() + " has no canonical constructor", e);
        }
    }

    private Shape beanShape() {
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            throw notBean("it is abstract");
        }
        Constructor<?> constructor;
        try {
            constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw notBean("it has no constructor without arguments");
        }
        Map<String, Method> getters = new TreeMap<>();
        Map<String, Method> setters = new TreeMap<>();
        for (Method method : type.getMethods()) {
            if (Modifier.isStatic(method.getModifiers())
                    || method.getDeclaringClass() == Object.class
                    || method.isBridge()
                    || method.isSynthetic()) {
                continue;
            }
            String name = method.getName();
            if (method.getParameterCount() == 0
                    && name.startsWith("get")
                    && name.length() > 3
                    && method.getReturnType() != void.class) {
                getters.put(property(name.substring(3)), method);
            } else if (method.getParameterCount() == 0
                    && name.startsWith("is")
                    && name.length() > 2
                    && (method.getReturnType() == boolean.class || method.getReturnType() == Boolean.class)) {
                getters.put(property(name.substring(2)), method);
            } else if (method.getParameterCount() == 1 && name.startsWith("set") && name.length() > 3) {
                setters.put(property(name.substring(3)), method);
            }
        }
        List<String> names = new ArrayList<>();
        List<Type> types = new ArrayList<>();
        List<Method> readers = new ArrayList<>();
        List<Method> writers = new ArrayList<>();
        for (Map.Entry<String, Method> getter : getters.entrySet()) {
            Method setter = setters.get(getter.getKey());
            if (setter == null
                    || setter.getParameterTypes()[0] != getter.getValue().getReturnType()) {
                continue; // read-only properties are not columns, as in Spark
            }
            getter.getValue().setAccessible(true);
            setter.setAccessible(true);
            names.add(getter.getKey());
            types.add(getter.getValue().getGenericReturnType());
            readers.add(getter.getValue());
            writers.add(setter);
        }
        if (names.isEmpty()) {
            throw notBean("it has no property with both a getter and a setter");
        }
        return new Shape(schema(names, types), names, types, readers, writers, constructor);
    }

    private static String property(String suffix) {
        if (suffix.length() > 1 && Character.isUpperCase(suffix.charAt(1))) {
            return suffix; // URL stays URL, as java.beans decapitalizes
        }
        return suffix.substring(0, 1).toLowerCase(Locale.ROOT) + suffix.substring(1);
    }

    private StructType schema(List<String> names, List<Type> types) {
        List<StructField> fields = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            Type javaType = types.get(i);
            boolean primitive = javaType instanceof Class<?> c && c.isPrimitive();
            DataType sqlType = JavaValues.typeOf(javaType, type.getSimpleName() + "." + names.get(i));
            fields.add(new StructField(names.get(i), sqlType, !primitive));
        }
        return new StructType(fields);
    }

    private EmberException notBean(String why) {
        return new EmberException(
                ErrorClass.INVALID_ARGUMENT,
                "Encoders.bean(" + type.getName() + "): " + why + "; a bean needs a public constructor without"
                        + " arguments and a getter and setter per property (or use a record)");
    }

    @Override
    public StructType schema() {
        return shape().schema();
    }

    @Override
    public Class<T> clazz() {
        return type;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T fromRow(Object[] row) {
        Shape s = shape();
        try {
            Object[] values = new Object[s.names().size()];
            for (int i = 0; i < values.length; i++) {
                String where = type.getSimpleName() + "." + s.names().get(i);
                values[i] = JavaValues.toJava(
                        row[i], s.types().get(i), s.schema().field(i).dataType(), where);
                if (values[i] == null && s.types().get(i) instanceof Class<?> c && c.isPrimitive()) {
                    throw new EmberException(
                            ErrorClass.INVALID_ARGUMENT,
                            "The value of " + where + " is null, which its primitive type " + c + " cannot hold;"
                                    + " use the boxed type");
                }
            }
            if (type.isRecord()) {
                return (T) s.constructor().newInstance(values);
            }
            T bean = (T) s.constructor().newInstance();
            for (int i = 0; i < values.length; i++) {
                s.setters().get(i).invoke(bean, values[i]);
            }
            return bean;
        } catch (InvocationTargetException e) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT, "Cannot make a " + type.getName() + ": " + e.getCause(), e);
        } catch (ReflectiveOperationException e) {
            throw new EmberException(ErrorClass.INTERNAL_ERROR, "Cannot make a " + type.getName() + ": " + e, e);
        }
    }

    @Override
    public Object[] toRow(T value) {
        Shape s = shape();
        Object[] row = new Object[s.names().size()];
        try {
            for (int i = 0; i < row.length; i++) {
                String where = type.getSimpleName() + "." + s.names().get(i);
                row[i] = JavaValues.toInternal(
                        s.getters().get(i).invoke(value),
                        s.types().get(i),
                        s.schema().field(i).dataType(),
                        where);
            }
        } catch (InvocationTargetException e) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT, "Cannot read a " + type.getName() + ": " + e.getCause(), e);
        } catch (ReflectiveOperationException e) {
            throw new EmberException(ErrorClass.INTERNAL_ERROR, "Cannot read a " + type.getName() + ": " + e, e);
        }
        return row;
    }

    @Override
    public String toString() {
        return "Encoders.bean(" + type.getSimpleName() + ")";
    }
}
