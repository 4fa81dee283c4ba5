package dev.ember.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Whatever form a block takes, reading it gives back elements equal to the ones added, in order. */
class CachedValuesTest {
    private static CachedValues build(List<?> elements) {
        CachedValues.Builder builder = new CachedValues.Builder();
        elements.forEach(builder::add);
        assertThat(builder.count()).isEqualTo(elements.size());
        return builder.build();
    }

    private static List<Object> read(CachedValues values) {
        List<Object> all = new ArrayList<>();
        values.iterator().forEachRemaining(all::add);
        return all;
    }

    @Test
    void pairsOfOneBoxClassPerSideBecomeColumns() {
        List<Pair<Integer, Long>> pairs = IntStream.range(0, 1000)
                .mapToObj(i -> Pair.of(i - 500, (long) i << 40))
                .toList();
        CachedValues values = build(pairs);
        assertThat(values).isInstanceOf(CachedValues.PrimitivePairs.class);
        assertThat(values.count()).isEqualTo(1000);
        List<Object> read = read(values);
        assertThat(read).containsExactlyElementsOf(pairs);
        assertThat(read.get(0)).isInstanceOf(Pair.class);
        assertThat(((Pair<?, ?>) read.get(0)).key()).isInstanceOf(Integer.class);
        assertThat(((Pair<?, ?>) read.get(0)).value()).isInstanceOf(Long.class);
    }

    @Test
    void doublesKeepEveryBit() {
        List<Pair<Double, Double>> pairs = List.of(
                Pair.of(-0.0, 0.0),
                Pair.of(Double.NaN, Double.longBitsToDouble(0x7ff8_0000_0000_0001L)),
                Pair.of(Double.MIN_VALUE, Double.NEGATIVE_INFINITY));
        List<Object> read = read(build(pairs));
        for (int i = 0; i < pairs.size(); i++) {
            Pair<?, ?> pair = (Pair<?, ?>) read.get(i);
            assertThat(Double.doubleToRawLongBits((Double) pair.key()))
                    .isEqualTo(Double.doubleToRawLongBits(pairs.get(i).key()));
            assertThat(Double.doubleToRawLongBits((Double) pair.value()))
                    .isEqualTo(Double.doubleToRawLongBits(pairs.get(i).value()));
        }
    }

    @Test
    void theFirstElementThatDoesNotFitTurnsTheBlockIntoObjects() {
        List<Object> nullValue = new ArrayList<>();
        List<Object> otherClass = new ArrayList<>();
        List<Object> notAPair = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            nullValue.add(Pair.of((long) i, i == 150 ? null : (long) -i));
            otherClass.add(Pair.of((long) i, i == 199 ? (Object) "last" : (Object) (long) i));
            notAPair.add(i == 100 ? (Object) "middle" : Pair.of(i, i));
        }
        for (List<Object> elements : List.of(nullValue, otherClass, notAPair)) {
            CachedValues values = build(elements);
            assertThat(values).isInstanceOf(CachedValues.Objects.class);
            assertThat(read(values)).containsExactlyElementsOf(elements);
        }
    }

    @Test
    void otherElementsStayObjects() {
        List<Object> strings = List.of("a", "b");
        List<Object> boxedKeysWithStrings = List.of(Pair.of(1L, "one"), Pair.of(2L, "two"));
        for (List<Object> elements : List.of(strings, boxedKeysWithStrings, List.of())) {
            CachedValues values = build(elements);
            assertThat(values).isInstanceOf(CachedValues.Objects.class);
            assertThat(read(values)).containsExactlyElementsOf(elements);
        }
    }

    @Test
    void columnsAreEstimatedAtTheirSize() {
        CachedValues.Builder builder = new CachedValues.Builder();
        for (long i = 0; i < 10_000; i++) {
            builder.add(Pair.of(i, i));
        }
        // Two long arrays of capacity 16384: 16 bytes a slot.
        assertThat(builder.estimateSize()).isBetween(16L * 16_384, 16L * 16_384 + 200);
    }
}
