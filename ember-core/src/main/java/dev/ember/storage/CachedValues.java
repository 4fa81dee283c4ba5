package dev.ember.storage;

import dev.ember.Pair;
import dev.ember.collection.SizeTrackingVector;
import dev.ember.util.BoxedPrimitive;
import dev.ember.util.Iterators;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The values of a block cached as objects ({@code MEMORY_ONLY} and the like). Most blocks keep the objects as they
 * came. A block whose every element is a {@link Pair} of boxed primitives ({@code Long}, {@code Integer} or
 * {@code Double}, the same class throughout each side) is held as two primitive columns instead, and its pairs are
 * made afresh, equal to the originals, each time the block is read.
 *
 * <p>A pair of two {@code Long}s takes 16 bytes as columns against some 56 as objects, and the columns are read
 * front to back. The collector no longer traces millions of small cached objects, and a pass over the cache no
 * longer waits on objects scattered across the heap. Pairs and boxes are immutable, so nothing but object identity
 * tells the two forms apart.
 */
public abstract sealed class CachedValues permits CachedValues.Objects, CachedValues.PrimitivePairs {
    /** Fixed bytes of an array: header and length. */
    private static final long ARRAY_HEADER = 16;

    private CachedValues() {}

    /** The elements, in order. */
    public abstract Iterator<Object> iterator();

    /** Number of elements. */
    public abstract int count();

    /**
     * Collects a block's values as they are unrolled: as primitive columns while every element fits them, as objects
     * from the first one that does not (the columns so far are turned back into pairs). Cached pairs that fit are
     * therefore never held as objects at all, and the collector never copies them out of the young generation.
     */
    static final class Builder {
        private long[] keys;
        private long[] values;
        private BoxedPrimitive keyColumn;
        private BoxedPrimitive valueColumn;
        private int count;
        /** The objects, once an element did not fit the columns; null while columnar. */
        private SizeTrackingVector<Object> objects;

        void add(Object element) {
            if (objects == null) {
                if (fitsColumns(element)) {
                    Pair<?, ?> pair = (Pair<?, ?>) element;
                    if (count == keys.length) {
                        keys = Arrays.copyOf(keys, count * 2);
                        values = Arrays.copyOf(values, count * 2);
                    }
                    keys[count] = keyColumn.encode(pair.key());
                    values[count] = valueColumn.encode(pair.value());
                    count++;
                    return;
                }
                toObjects();
            }
            objects.add(element);
        }

        private boolean fitsColumns(Object element) {
            if (!(element instanceof Pair<?, ?> pair) || element.getClass() != Pair.class) {
                return false;
            }
            Object key = pair.key();
            Object value = pair.value();
            if (keys != null) {
                return keyColumn.isBoxOf(key) && valueColumn.isBoxOf(value);
            }
            keyColumn = BoxedPrimitive.of(key);
            valueColumn = BoxedPrimitive.of(value);
            if (keyColumn == null || valueColumn == null) {
                return false;
            }
            keys = new long[64];
            values = new long[64];
            return true;
        }

        private void toObjects() {
            objects = new SizeTrackingVector<>();
            for (int i = 0; i < count; i++) {
                objects.add(Pair.of(keyColumn.decode(keys[i]), valueColumn.decode(values[i])));
            }
            keys = null;
            values = null;
        }

        /** Number of values added. */
        int count() {
            return objects != null ? objects.size() : count;
        }

        /** Estimated bytes of what has been added. */
        long estimateSize() {
            return objects != null ? objects.estimateSize() : columnsSize(keys == null ? 0 : keys.length);
        }

        /** The values added, as they will be cached. */
        CachedValues build() {
            if (objects != null) {
                return new Objects(objects.toArray());
            }
            if (keys == null) {
                return new Objects(new Object[0]);
            }
            return new PrimitivePairs(keyColumn, valueColumn, Arrays.copyOf(keys, count), Arrays.copyOf(values, count));
        }

        /** The values added so far, for a caller that could not cache them. */
        Iterator<Object> iterator() {
            return build().iterator();
        }
    }

    private static long columnsSize(int length) {
        return 2 * (ARRAY_HEADER + 8L * length) + 48;
    }

    /** The objects as they came. */
    static final class Objects extends CachedValues {
        private final Object[] values;

        Objects(Object[] values) {
            this.values = values;
        }

        @Override
        public Iterator<Object> iterator() {
            return Iterators.ofArray(values, 0, values.length);
        }

        @Override
        public int count() {
            return values.length;
        }
    }

    /** Pairs of boxed primitives as two columns. */
    static final class PrimitivePairs extends CachedValues {
        private final BoxedPrimitive keyColumn;
        private final BoxedPrimitive valueColumn;
        private final long[] keys;
        private final long[] values;

        private PrimitivePairs(BoxedPrimitive keyColumn, BoxedPrimitive valueColumn, long[] keys, long[] values) {
            this.keyColumn = keyColumn;
            this.valueColumn = valueColumn;
            this.keys = keys;
            this.values = values;
        }

        /** Bytes the columns occupy. */
        long size() {
            return columnsSize(keys.length);
        }

        @Override
        public Iterator<Object> iterator() {
            return new Iterator<>() {
                private int next;

                @Override
                public boolean hasNext() {
                    return next < keys.length;
                }

                @Override
                public Object next() {
                    if (next >= keys.length) {
                        throw new NoSuchElementException();
                    }
                    int index = next++;
                    return Pair.of(keyColumn.decode(keys[index]), valueColumn.decode(values[index]));
                }
            };
        }

        @Override
        public int count() {
            return keys.length;
        }
    }
}
