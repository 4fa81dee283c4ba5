package dev.ember.collection;

import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Merges iterators that are each sorted by one order into a single sorted iterator. Equal elements come out
 * source by source, in the order the sources were given, so a merge of stable runs is stable.
 *
 * <p>A tree of losers over the sources' heads: taking an element compares once per level, about log2 of the number
 * of sources, where a binary heap compares up to twice per level. Reads each source no further than its head.
 *
 * @param <T> element
 */
public final class SortedMerge<T> implements Iterator<T> {
    private final Iterator<? extends T>[] sources;
    private final Object[] heads;
    private final boolean[] exhausted;
    private final Comparator<? super T> order;
    /** {@code tree[1..n-1]}: the loser at each inner node; {@code tree[0]}: the source whose head is least. */
    private final int[] tree;

    private final int size;

    /** Merges {@code sources}, each sorted by {@code order}; the caller must not use them afterwards. */
    @SuppressWarnings("unchecked")
    public SortedMerge(List<? extends Iterator<? extends T>> sources, Comparator<? super T> order) {
        this.size = sources.size();
        this.sources = sources.toArray(new Iterator[0]);
        this.order = order;
        this.heads = new Object[Math.max(1, size)];
        this.exhausted = new boolean[Math.max(1, size)];
        this.tree = new int[Math.max(1, size)];
        if (size == 0) {
            exhausted[0] = true;
            return;
        }
        for (int source = 0; source < size; source++) {
            load(source);
        }
        // Leaf of source s is node size + s; inner node i has children 2i and 2i + 1.
        int[] winners = new int[2 * size];
        for (int source = 0; source < size; source++) {
            winners[size + source] = source;
        }
        for (int node = size - 1; node >= 1; node--) {
            int left = winners[2 * node];
            int right = winners[2 * node + 1];
            if (precedes(left, right)) {
                winners[node] = left;
                tree[node] = right;
            } else {
                winners[node] = right;
                tree[node] = left;
            }
        }
        tree[0] = size == 1 ? 0 : winners[1];
    }

    /** Reads the next head of {@code source}, or marks it exhausted. */
    @SuppressWarnings("unchecked")
    private void load(int source) {
        Iterator<? extends T> iterator = sources[source];
        if (iterator.hasNext()) {
            heads[source] = iterator.next();
        } else {
            heads[source] = null;
            exhausted[source] = true;
            sources[source] = null;
        }
    }

    /** Whether the head of source {@code a} comes out before that of source {@code b}. */
    @SuppressWarnings("unchecked")
    private boolean precedes(int a, int b) {
        if (exhausted[a]) {
            return false;
        }
        if (exhausted[b]) {
            return true;
        }
        int compared = order.compare((T) heads[a], (T) heads[b]);
        return compared < 0 || (compared == 0 && a < b);
    }

    @Override
    public boolean hasNext() {
        return !exhausted[tree[0]];
    }

    @Override
    @SuppressWarnings("unchecked")
    public T next() {
        int winner = tree[0];
        if (exhausted[winner]) {
            throw new NoSuchElementException();
        }
        T result = (T) heads[winner];
        load(winner);
        // Replay the winner's path to the root: at each node the smaller of it and the stored loser goes on up.
        for (int node = (winner + size) >>> 1; node >= 1; node >>>= 1) {
            int loser = tree[node];
            if (precedes(loser, winner)) {
                tree[node] = winner;
                winner = loser;
            }
        }
        tree[0] = winner;
        return result;
    }
}
