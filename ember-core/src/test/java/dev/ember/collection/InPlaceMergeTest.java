package dev.ember.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.function.Function2;
import dev.ember.function.NamedReduction;
import dev.ember.function.Reducers;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Merging in place must be invisible: for every recognized method the results equal, bit for bit, what the
 * function returns when called on boxes; everything else must reach the function itself.
 */
class InPlaceMergeTest {
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Function2<Object, Object, Object> untyped(Function2<?, ?, ?> function) {
        return (Function2) function;
    }

    /** Folds {@code values} with the in-place version of {@code function}, as the map does, and reads the result. */
    private static Object foldInPlace(Function2<Object, Object, Object> function, List<?> values) throws Exception {
        Function2<Object, Object, Object> merge = InPlaceMerge.inPlace(function);
        Object combiner = values.get(0);
        for (Object value : values.subList(1, values.size())) {
            combiner = merge.call(combiner, value);
        }
        return InPlaceMerge.result(combiner);
    }

    private static Object foldBoxed(Function2<Object, Object, Object> function, List<?> values) throws Exception {
        Object combiner = values.get(0);
        for (Object value : values.subList(1, values.size())) {
            combiner = function.call(combiner, value);
        }
        return combiner;
    }

    private static void assertSameAsBoxed(Function2<?, ?, ?> typed, List<?> values) throws Exception {
        Function2<Object, Object, Object> function = untyped(typed);
        assertThat(InPlaceMerge.inPlace(function)).as("recognized").isNotSameAs(function);
        Object expected = foldBoxed(function, values);
        Object actual = foldInPlace(function, values);
        assertThat(actual).isInstanceOf(expected.getClass()).isEqualTo(expected);
    }

    @Test
    void longMethodsGiveTheFunctionsResults() throws Exception {
        Random random = new Random(3);
        List<Long> values = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            values.add(random.nextLong());
        }
        values.add(Long.MAX_VALUE);
        values.add(Long.MIN_VALUE);
        Function2<Long, Long, Long> sum = Long::sum;
        Function2<Long, Long, Long> max = Long::max;
        Function2<Long, Long, Long> min = Long::min;
        Function2<Long, Long, Long> mathMax = Math::max;
        Function2<Long, Long, Long> mathMin = Math::min;
        for (Function2<Long, Long, Long> function : List.of(sum, max, min, mathMax, mathMin)) {
            assertSameAsBoxed(function, values);
        }
        assertThat(foldInPlace(untyped(max), values)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void intSumsWrapOnOverflowAsIntegerSumDoes() throws Exception {
        List<Integer> values = List.of(Integer.MAX_VALUE, 1, 5, Integer.MIN_VALUE, -7);
        Function2<Integer, Integer, Integer> sum = Integer::sum;
        assertSameAsBoxed(sum, values);
        assertThat(foldInPlace(untyped(sum), values)).isEqualTo(Integer.MAX_VALUE + 1 + 5 + Integer.MIN_VALUE - 7);
        Function2<Integer, Integer, Integer> max = Integer::max;
        Function2<Integer, Integer, Integer> min = Math::min;
        assertSameAsBoxed(max, values);
        assertSameAsBoxed(min, values);
    }

    @Test
    void doubleResultsAreBitForBitTheFunctions() throws Exception {
        Random random = new Random(11);
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            values.add(random.nextGaussian() * Math.pow(10, random.nextInt(20) - 10));
        }
        Function2<Double, Double, Double> sum = Double::sum;
        Object expected = foldBoxed(untyped(sum), values);
        Object actual = foldInPlace(untyped(sum), values);
        assertThat(Double.doubleToRawLongBits((Double) actual))
                .isEqualTo(Double.doubleToRawLongBits((Double) expected));

        // The corner cases of max and min: a NaN wins, and -0.0 is below 0.0.
        Function2<Double, Double, Double> max = Double::max;
        Function2<Double, Double, Double> min = Math::min;
        for (List<Double> corner : List.of(List.of(0.0, -0.0), List.of(-0.0, 0.0), List.of(1.0, Double.NaN, 2.0))) {
            for (Function2<Double, Double, Double> function : List.of(max, min)) {
                Object boxed = foldBoxed(untyped(function), corner);
                Object inPlace = foldInPlace(untyped(function), corner);
                assertThat(Double.doubleToRawLongBits((Double) inPlace))
                        .as("%s over %s", function, corner)
                        .isEqualTo(Double.doubleToRawLongBits((Double) boxed));
            }
        }
    }

    @Test
    void namedReducersMergeInPlaceAndGiveTheirOwnResults() throws Exception {
        Random random = new Random(5);
        List<Long> longs = new ArrayList<>(List.of(Long.MAX_VALUE, 1L, Long.MIN_VALUE));
        List<Integer> ints = new ArrayList<>(List.of(Integer.MAX_VALUE, 1, Integer.MIN_VALUE));
        List<Double> doubles = new ArrayList<>(List.of(0.0, -0.0, 1.5));
        for (int i = 0; i < 500; i++) {
            longs.add(random.nextLong());
            ints.add(random.nextInt());
            doubles.add(random.nextGaussian());
        }
        for (NamedReduction<Long> reducer : List.of(Reducers.longSum(), Reducers.longMax(), Reducers.longMin())) {
            assertSameAsBoxed(reducer, longs);
        }
        for (NamedReduction<Integer> reducer : List.of(Reducers.intSum(), Reducers.intMax(), Reducers.intMin())) {
            assertSameAsBoxed(reducer, ints);
        }
        for (NamedReduction<Double> reducer :
                List.of(Reducers.doubleSum(), Reducers.doubleMax(), Reducers.doubleMin())) {
            assertSameAsBoxed(reducer, doubles);
        }
    }

    @Test
    void otherFunctionsAreUsedAsTheyAre() {
        Function2<Long, Long, Long> written = (a, b) -> a + b;
        long offset = 1;
        Function2<Long, Long, Long> capturing = (a, b) -> a + b + offset;
        Function2<Long, Long, Long> otherClass = new Function2<>() {
            @Override
            public Long call(Long a, Long b) {
                return a + b;
            }
        };
        Function2<Long, Long, Long> addExact = Math::addExact;
        Function2<Float, Float, Float> floats = Float::sum;
        for (Function2<?, ?, ?> function : List.of(written, capturing, otherClass, addExact, floats)) {
            assertThat(InPlaceMerge.inPlace(untyped(function))).isSameAs(function);
        }
    }

    @Test
    void valuesTheMethodCannotTakeReachTheFunction() throws Exception {
        Function2<Object, Object, Object> merge =
                InPlaceMerge.inPlace(untyped((Function2<Long, Long, Long>) Long::sum));
        // A null value, first against a box and then against a cell: the function's own unboxing fails.
        assertThatThrownBy(() -> merge.call(1L, null)).isInstanceOf(NullPointerException.class);
        Object cell = merge.call(1L, 2L);
        assertThatThrownBy(() -> merge.call(cell, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> merge.call(null, 2L)).isInstanceOf(NullPointerException.class);
        // A value of another class, as an unchecked cast lets through: the function's own cast fails.
        assertThatThrownBy(() -> merge.call(cell, 3)).isInstanceOf(ClassCastException.class);
        // The cell is intact after the failures.
        assertThat(InPlaceMerge.result(cell)).isEqualTo(3L);
    }

    @Test
    void aCellIsReusedAndReadOutAsABox() throws Exception {
        Function2<Object, Object, Object> merge =
                InPlaceMerge.inPlace(untyped((Function2<Long, Long, Long>) Long::sum));
        Object first = merge.call(1L, 2L);
        Object second = merge.call(first, 3L);
        assertThat(second).as("merged in place").isSameAs(first);
        assertThat(InPlaceMerge.result(second)).isEqualTo(6L);
        assertThat(InPlaceMerge.result("not a cell")).isEqualTo("not a cell");
    }
}
