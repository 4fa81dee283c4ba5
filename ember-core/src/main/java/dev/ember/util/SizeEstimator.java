package dev.ember.util;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Estimates how many bytes of heap an object graph occupies, for memory accounting of cached partitions and of
 * the in-memory buffers of shuffles and aggregations. It walks fields by reflection, assuming a 64-bit JVM with
 * compressed references (12-byte headers, 4-byte references, 8-byte alignment); large arrays are sampled.
 *
 * <p>JDK collections whose fields the module system hides are measured through their public views (elements,
 * entries) with a per-entry overhead. The result is an estimate: good to within tens of percent, which is what
 * spill decisions need.
 */
public final class SizeEstimator {
    private static final int OBJECT_HEADER = 12;
    private static final int ARRAY_HEADER = 16;
    private static final int REFERENCE = 4;
    private static final int ALIGNMENT = 8;
    private static final int ARRAY_SAMPLE_THRESHOLD = 400;
    private static final int ARRAY_SAMPLES = 100;
    private static final int COLLECTION_SAMPLE_THRESHOLD = 200;

    private static final Map<Class<?>, ClassInfo> CLASS_INFO = new ConcurrentHashMap<>();

    private SizeEstimator() {}

    private record ClassInfo(long shallowSize, List<Field> referenceFields, boolean opaque) {}

    /** Estimated bytes of {@code value} and everything it reaches. */
    public static long estimate(Object value) {
        if (value == null) {
            return 0;
        }
        Long fast = fastPath(value);
        if (fast != null) {
            return fast;
        }
        Set<Object> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Object> pending = new ArrayDeque<>();
        pending.add(value);
        visited.add(value);
        long total = 0;
        while (!pending.isEmpty()) {
            total += visitOne(pending.poll(), visited, pending);
        }
        return total;
    }

    private static Long fastPath(Object value) {
        if (value instanceof String text) {
            return stringSize(text);
        }
        if (value instanceof Long
                || value instanceof Double
                || value instanceof Integer
                || value instanceof Float
                || value instanceof Short
                || value instanceof Byte
                || value instanceof Character
                || value instanceof Boolean) {
            return 16L;
        }
        return null;
    }

    private static long stringSize(String text) {
        // String object (header, hash, coder, value ref) plus its byte[] (Latin-1 or UTF-16).
        boolean latin1 = true;
        for (int i = 0; i < text.length() && latin1; i++) {
            latin1 = text.charAt(i) < 256;
        }
        return 24 + align(ARRAY_HEADER + (long) text.length() * (latin1 ? 1 : 2));
    }

    private static long visitOne(Object value, Set<Object> visited, ArrayDeque<Object> pending) {
        Long fast = fastPath(value);
        if (fast != null) {
            return fast;
        }
        Class<?> type = value.getClass();
        if (type.isArray()) {
            return visitArray(value, type, visited, pending);
        }
        if (value instanceof Class<?> || value instanceof ClassLoader || value instanceof Thread) {
            return 0;
        }
        ClassInfo info = CLASS_INFO.computeIfAbsent(type, SizeEstimator::inspect);
        if (info.opaque()) {
            return info.shallowSize() + visitOpaque(value, visited, pending);
        }
        for (Field field : info.referenceFields()) {
            Object child;
            try {
                child = field.get(value);
            } catch (IllegalAccessException e) {
                continue;
            }
            enqueue(child, visited, pending);
        }
        return info.shallowSize();
    }

    private static void enqueue(Object child, Set<Object> visited, ArrayDeque<Object> pending) {
        if (child != null && visited.add(child)) {
            pending.add(child);
        }
    }

    /** JDK collections and maps whose fields are hidden: per-entry overhead plus sampled elements. */
    private static long visitOpaque(Object value, Set<Object> visited, ArrayDeque<Object> pending) {
        if (value instanceof Collection<?> collection) {
            int size = collection.size();
            long overhead = (long) size * 16;
            return overhead + sampleElements(collection, size, visited, pending);
        }
        if (value instanceof Map<?, ?> map) {
            int size = map.size();
            long overhead = (long) size * 40 + ARRAY_HEADER + (long) size * 2 * REFERENCE;
            List<Object> parts = new ArrayList<>(Math.min(size, COLLECTION_SAMPLE_THRESHOLD) * 2);
            int index = 0;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (index++ >= COLLECTION_SAMPLE_THRESHOLD) {
                    break;
                }
                parts.add(entry.getKey());
                parts.add(entry.getValue());
            }
            long sampled = 0;
            for (Object part : parts) {
                if (part != null && !visited.contains(part)) {
                    visited.add(part);
                    sampled += estimateNested(part, visited);
                }
            }
            if (size > COLLECTION_SAMPLE_THRESHOLD) {
                sampled = sampled * size / COLLECTION_SAMPLE_THRESHOLD;
            }
            return overhead + sampled;
        }
        return 0;
    }

    private static long sampleElements(
            Collection<?> collection, int size, Set<Object> visited, ArrayDeque<Object> pending) {
        if (size <= COLLECTION_SAMPLE_THRESHOLD) {
            for (Object element : collection) {
                enqueue(element, visited, pending);
            }
            return 0;
        }
        long sampled = 0;
        int index = 0;
        for (Object element : collection) {
            if (index++ >= COLLECTION_SAMPLE_THRESHOLD) {
                break;
            }
            if (element != null && !visited.contains(element)) {
                visited.add(element);
                sampled += estimateNested(element, visited);
            }
        }
        return sampled * size / COLLECTION_SAMPLE_THRESHOLD;
    }

    private static long estimateNested(Object value, Set<Object> visited) {
        ArrayDeque<Object> pending = new ArrayDeque<>();
        pending.add(value);
        long total = 0;
        while (!pending.isEmpty()) {
            total += visitOne(pending.poll(), visited, pending);
        }
        return total;
    }

    private static long visitArray(Object array, Class<?> type, Set<Object> visited, ArrayDeque<Object> pending) {
        int length = Array.getLength(array);
        Class<?> component = type.getComponentType();
        if (component.isPrimitive()) {
            return align(ARRAY_HEADER + (long) length * primitiveSize(component));
        }
        long size = align(ARRAY_HEADER + (long) length * REFERENCE);
        Object[] elements = (Object[]) array;
        if (length <= ARRAY_SAMPLE_THRESHOLD) {
            for (Object element : elements) {
                enqueue(element, visited, pending);
            }
            return size;
        }
        // Sample distinct positions twice over and scale; elements seen in one sample are not counted again.
        Random random = new Random(42);
        long sampled = 0;
        for (int i = 0; i < ARRAY_SAMPLES; i++) {
            Object element = elements[random.nextInt(length)];
            if (element != null && !visited.contains(element)) {
                visited.add(element);
                sampled += estimateNested(element, visited);
            }
        }
        return size + sampled * length / ARRAY_SAMPLES;
    }

    private static ClassInfo inspect(Class<?> type) {
        boolean jdk = type.getName().startsWith("java.") || type.getName().startsWith("jdk.");
        if (jdk && (Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type))) {
            return new ClassInfo(align(OBJECT_HEADER + 4L * REFERENCE), List.of(), true);
        }
        long shallow = OBJECT_HEADER;
        List<Field> references = new ArrayList<>();
        for (Class<?> current = type; current != null; current = current.getSuperclass()) {
            for (Field field : current.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                Class<?> fieldType = field.getType();
                if (fieldType.isPrimitive()) {
                    shallow += primitiveSize(fieldType);
                } else {
                    shallow += REFERENCE;
                    try {
                        field.setAccessible(true);
                        references.add(field);
                    } catch (InaccessibleObjectException | SecurityException e) {
                        // Hidden JDK internals: counted shallowly only.
                    }
                }
            }
        }
        return new ClassInfo(align(shallow), List.copyOf(references), false);
    }

    private static int primitiveSize(Class<?> type) {
        if (type == long.class || type == double.class) {
            return 8;
        }
        if (type == int.class || type == float.class) {
            return 4;
        }
        if (type == short.class || type == char.class) {
            return 2;
        }
        return 1;
    }

    private static long align(long size) {
        long remainder = size % ALIGNMENT;
        return remainder == 0 ? size : size + ALIGNMENT - remainder;
    }
}
