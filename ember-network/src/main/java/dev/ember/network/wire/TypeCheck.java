package dev.ember.network.wire;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;

/** Whether a value read from a message is of a record component's declared type, type arguments included. */
final class TypeCheck {
    private TypeCheck() {}

    static boolean matches(Object value, Type type) {
        if (type instanceof Class<?> plain) {
            if (plain.isPrimitive()) {
                return value != null && box(plain).isInstance(value);
            }
            return value == null || plain.isInstance(value);
        }
        if (type instanceof ParameterizedType parameterized) {
            if (value == null) {
                return true;
            }
            Type[] arguments = parameterized.getActualTypeArguments();
            if (parameterized.getRawType() == List.class && value instanceof List<?> list) {
                for (Object element : list) {
                    if (!matches(element, arguments[0])) {
                        return false;
                    }
                }
                return true;
            }
            if (parameterized.getRawType() == Map.class && value instanceof Map<?, ?> map) {
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    if (!matches(entry.getKey(), arguments[0]) || !matches(entry.getValue(), arguments[1])) {
                        return false;
                    }
                }
                return true;
            }
            return false;
        }
        // A wildcard or a type variable: any value the format can carry.
        return true;
    }

    static String describe(Object value) {
        return value == null ? "null" : "a " + value.getClass().getSimpleName();
    }

    private static Class<?> box(Class<?> primitive) {
        if (primitive == int.class) {
            return Integer.class;
        }
        if (primitive == long.class) {
            return Long.class;
        }
        if (primitive == boolean.class) {
            return Boolean.class;
        }
        return Double.class;
    }
}
