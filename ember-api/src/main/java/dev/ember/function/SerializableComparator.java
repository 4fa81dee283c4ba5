package dev.ember.function;

import java.io.Serializable;
import java.util.Comparator;

/**
 * A comparator that can be shipped to executors. RDD methods taking a comparator accept this type, so that a
 * lambda such as {@code (a, b) -> Integer.compare(a.length(), b.length())} is serializable; a plain
 * {@link Comparator} that is also {@link Serializable} (such as {@code Comparator.reverseOrder()}) is accepted by
 * overloads taking {@code Comparator}.
 */
@FunctionalInterface
public interface SerializableComparator<T> extends Comparator<T>, Serializable {
    /** Natural order, for keys that are {@link Comparable}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static <T> SerializableComparator<T> naturalOrder() {
        return (a, b) -> ((Comparable) a).compareTo(b);
    }

    /** Reverse natural order. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static <T> SerializableComparator<T> reverseOrder() {
        return (a, b) -> ((Comparable) b).compareTo(a);
    }

    /** Wraps {@code comparator}, which must be serializable, checking that it is. */
    static <T> SerializableComparator<T> of(Comparator<? super T> comparator) {
        if (comparator instanceof SerializableComparator<?>) {
            @SuppressWarnings("unchecked")
            SerializableComparator<T> same = (SerializableComparator<T>) comparator;
            return same;
        }
        if (!(comparator instanceof Serializable)) {
            throw new dev.ember.EmberException(
                    dev.ember.ErrorClass.TASK_NOT_SERIALIZABLE,
                    "Comparator " + comparator.getClass().getName() + " is not serializable: pass a lambda (it"
                            + " becomes a SerializableComparator) or a class implementing Serializable");
        }
        Comparator<? super T> serializable = comparator;
        return serializable::compare;
    }
}
