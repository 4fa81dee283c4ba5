package dev.ember.serializer;

import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds out why an object graph does not serialize: walks it the way Java serialization would (non-static,
 * non-transient fields, array elements, the arguments a serializable lambda captured, collection elements) and
 * reports the path from the root to the first object that is not {@link Serializable}, such as
 *
 * <pre>
 *   - object not serializable (class: com.acme.Connection)
 *   - field (class: com.acme.Job$Lookup, name: connection, type: com.acme.Connection)
 *   - captured argument 0 of lambda com.acme.Job.lambda$main$0
 * </pre>
 *
 * The walk is best effort: objects whose fields the module system hides are skipped.
 */
public final class SerializationDebugger {
    private static final int MAX_DEPTH = 64;

    private SerializationDebugger() {}

    /** The path to the first non-serializable object, innermost first, one element per line; empty if none found. */
    public static String describePath(Object root) {
        List<String> path = findPath(root);
        if (path.isEmpty()) {
            return "";
        }
        StringBuilder builder = new StringBuilder();
        for (String element : path) {
            builder.append("  - ").append(element).append('\n');
        }
        return builder.toString().stripTrailing();
    }

    /** The path to the first non-serializable object, innermost first; empty if none is found. */
    public static List<String> findPath(Object root) {
        List<String> path = new ArrayList<>();
        Set<Object> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        visit(root, path, visited, 0);
        return path;
    }

    private static boolean visit(Object value, List<String> path, Set<Object> visited, int depth) {
        if (value == null || depth > MAX_DEPTH || !visited.add(value)) {
            return false;
        }
        Class<?> type = value.getClass();
        if (type.isPrimitive() || value instanceof String || value instanceof Number || value instanceof Enum<?>) {
            return false;
        }
        if (!(value instanceof Serializable)) {
            path.add("object not serializable (class: " + type.getName() + ", value: " + safeToString(value) + ")");
            return true;
        }
        SerializedLambda lambda = serializedLambda(value);
        if (lambda != null) {
            for (int i = 0; i < lambda.getCapturedArgCount(); i++) {
                if (visit(lambda.getCapturedArg(i), path, visited, depth + 1)) {
                    path.add("captured argument " + i + " of lambda "
                            + lambda.getImplClass().replace('/', '.') + "." + lambda.getImplMethodName());
                    return true;
                }
            }
            return false;
        }
        if (type.isArray()) {
            if (type.getComponentType().isPrimitive()) {
                return false;
            }
            int length = Array.getLength(value);
            for (int i = 0; i < length; i++) {
                if (visit(Array.get(value, i), path, visited, depth + 1)) {
                    path.add("element of array (index: " + i + ")");
                    return true;
                }
            }
            return false;
        }
        if (type.getName().startsWith("java.")) {
            // JDK classes are walked through their public views, not their private fields.
            if (value instanceof Collection<?> collection) {
                int index = 0;
                for (Object element : collection) {
                    if (visit(element, path, visited, depth + 1)) {
                        path.add("element of " + type.getName() + " (index: " + index + ")");
                        return true;
                    }
                    index++;
                }
            } else if (value instanceof Map<?, ?> map) {
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    if (visit(entry.getKey(), path, visited, depth + 1)) {
                        path.add("key of " + type.getName());
                        return true;
                    }
                    if (visit(entry.getValue(), path, visited, depth + 1)) {
                        path.add("value of " + type.getName() + " (key: " + safeToString(entry.getKey()) + ")");
                        return true;
                    }
                }
            }
            return false;
        }
        for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
            for (Field field : current.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (Modifier.isStatic(modifiers)
                        || Modifier.isTransient(modifiers)
                        || field.getType().isPrimitive()) {
                    continue;
                }
                Object fieldValue;
                try {
                    field.setAccessible(true);
                    fieldValue = field.get(value);
                } catch (InaccessibleObjectException | IllegalAccessException e) {
                    continue;
                }
                if (visit(fieldValue, path, visited, depth + 1)) {
                    path.add("field (class: " + current.getName() + ", name: " + field.getName() + ", type: "
                            + field.getType().getName() + ")");
                    return true;
                }
            }
        }
        return false;
    }

    private static SerializedLambda serializedLambda(Object value) {
        Class<?> type = value.getClass();
        if (!type.isSynthetic() || !type.getName().contains("$$Lambda")) {
            return null;
        }
        try {
            Method writeReplace = type.getDeclaredMethod("writeReplace");
            writeReplace.setAccessible(true);
            Object replaced = writeReplace.invoke(value);
            return replaced instanceof SerializedLambda lambda ? lambda : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static String safeToString(Object value) {
        try {
            String text = String.valueOf(value);
            return text.length() > 80 ? text.substring(0, 77) + "..." : text;
        } catch (RuntimeException e) {
            return value.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(value));
        }
    }
}
