package dev.ember.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Merging sorted runs must give what a stable sort of their concatenation gives, for any number of runs. */
class SortedMergeTest {
    /** An element: the key it is ordered by, and where it came from. */
    record Element(int key, int source, int index) {}

    private static final Comparator<Element> BY_KEY = Comparator.comparingInt(Element::key);

    private static List<List<Element>> runs(int count, long seed) {
        Random random = new Random(seed);
        List<List<Element>> runs = new ArrayList<>();
        for (int source = 0; source < count; source++) {
            // Some runs are empty, some long; few distinct keys so that ties are everywhere.
            int length = random.nextInt(4) == 0 ? 0 : random.nextInt(300);
            List<Element> run = new ArrayList<>();
            for (int index = 0; index < length; index++) {
                run.add(new Element(random.nextInt(40), source, index));
            }
            run.sort(BY_KEY);
            runs.add(run);
        }
        return runs;
    }

    private static <T> List<T> drain(Iterator<T> merged) {
        List<T> out = new ArrayList<>();
        merged.forEachRemaining(out::add);
        return out;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 5, 8, 13, 16, 17, 64})
    void givesTheStableSortOfAllRunsWithTiesInSourceOrder(int count) {
        for (long seed = 0; seed < 5; seed++) {
            List<List<Element>> runs = runs(count, seed * 31 + count);
            List<Element> expected = new ArrayList<>();
            List<Iterator<Element>> sources = new ArrayList<>();
            for (List<Element> run : runs) {
                expected.addAll(run);
                sources.add(run.iterator());
            }
            // List.sort is stable: equal keys stay in source order, and by index within a source.
            expected.sort(BY_KEY);
            assertThat(drain(new SortedMerge<>(sources, BY_KEY)))
                    .as("%d runs, seed %d", count, seed)
                    .containsExactlyElementsOf(expected);
        }
    }

    @Test
    void readsNoSourceBeyondItsHead() {
        List<Integer> first = List.of(1, 4, 9);
        List<Integer> second = List.of(2, 3, 10);
        int[] pulled = new int[2];
        List<Iterator<Integer>> sources = List.of(counting(first, pulled, 0), counting(second, pulled, 1));
        SortedMerge<Integer> merged = new SortedMerge<>(sources, Comparator.naturalOrder());
        assertThat(pulled).as("one head each before anything is taken").containsExactly(1, 1);
        assertThat(merged.next()).isEqualTo(1);
        assertThat(merged.next()).isEqualTo(2);
        assertThat(pulled).containsExactly(2, 2);
        assertThat(drain(merged)).containsExactly(3, 4, 9, 10);
        assertThatThrownBy(merged::next).isInstanceOf(NoSuchElementException.class);
    }

    private static Iterator<Integer> counting(List<Integer> values, int[] pulled, int slot) {
        Iterator<Integer> delegate = values.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return delegate.hasNext();
            }

            @Override
            public Integer next() {
                pulled[slot]++;
                return delegate.next();
            }
        };
    }
}
