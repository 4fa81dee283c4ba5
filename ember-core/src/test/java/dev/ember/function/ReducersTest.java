package dev.ember.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.EmberConf;
import dev.ember.serializer.JavaSerializer;
import dev.ember.serializer.SerializerInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The named reducers compute exactly what the JDK's methods compute, say which reduction they are, and
 * {@link Reducers#reductionOf} tells them (and recognized method references) apart from every other function.
 */
class ReducersTest {
    /** Each reducer with the JDK method it stands for. */
    private static final Map<NamedReduction<?>, Function2<?, ?, ?>> JDK = Map.of(
            Reducers.longSum(), (Function2<Long, Long, Long>) (a, b) -> Long.sum(a, b),
            Reducers.longMax(), (Function2<Long, Long, Long>) (a, b) -> Long.max(a, b),
            Reducers.longMin(), (Function2<Long, Long, Long>) (a, b) -> Long.min(a, b),
            Reducers.intSum(), (Function2<Integer, Integer, Integer>) (a, b) -> Integer.sum(a, b),
            Reducers.intMax(), (Function2<Integer, Integer, Integer>) (a, b) -> Integer.max(a, b),
            Reducers.intMin(), (Function2<Integer, Integer, Integer>) (a, b) -> Integer.min(a, b),
            Reducers.doubleSum(), (Function2<Double, Double, Double>) (a, b) -> Double.sum(a, b),
            Reducers.doubleMax(), (Function2<Double, Double, Double>) (a, b) -> Math.max(a, b),
            Reducers.doubleMin(), (Function2<Double, Double, Double>) (a, b) -> Math.min(a, b));

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object call(Function2<?, ?, ?> function, Object first, Object second) throws Exception {
        return ((Function2) function).call(first, second);
    }

    /** Random values of {@code type}, with the corner cases of its arithmetic. */
    private static List<Object> values(Class<?> type, Random random) {
        List<Object> values = new ArrayList<>();
        if (type == Long.class) {
            values.addAll(List.of(Long.MAX_VALUE, Long.MIN_VALUE, 0L, -1L));
            for (int i = 0; i < 200; i++) {
                values.add(random.nextLong());
            }
        } else if (type == Integer.class) {
            values.addAll(List.of(Integer.MAX_VALUE, Integer.MIN_VALUE, 0, -1));
            for (int i = 0; i < 200; i++) {
                values.add(random.nextInt());
            }
        } else {
            values.addAll(List.of(0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
            for (int i = 0; i < 200; i++) {
                values.add(random.nextGaussian() * Math.pow(10, random.nextInt(20) - 10));
            }
        }
        return values;
    }

    @Test
    void everyReducerComputesWhatItsJdkMethodComputes() throws Exception {
        Random random = new Random(7);
        for (Map.Entry<NamedReduction<?>, Function2<?, ?, ?>> entry : JDK.entrySet()) {
            NamedReduction<?> reducer = entry.getKey();
            List<Object> values = values(reducer.reduction().operandType(), random);
            for (int i = 0; i < values.size(); i++) {
                Object first = values.get(i);
                Object second = values.get((i * 7 + 3) % values.size());
                Object expected = call(entry.getValue(), first, second);
                Object actual = call(reducer, first, second);
                assertThat(actual)
                        .as("%s(%s, %s)", reducer, first, second)
                        .isInstanceOf(reducer.reduction().operandType())
                        .isEqualTo(expected);
                if (actual instanceof Double) {
                    assertThat(Double.doubleToRawLongBits((Double) actual))
                            .isEqualTo(Double.doubleToRawLongBits((Double) expected));
                }
            }
        }
    }

    @Test
    void nullsAndOtherBoxesFailAsTheJdkMethodDoes() {
        assertThatThrownBy(() -> call(Reducers.longSum(), 1L, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> call(Reducers.intMax(), null, 1)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> call(Reducers.longSum(), 1L, 2)).isInstanceOf(ClassCastException.class);
        assertThatThrownBy(() -> call(Reducers.doubleMin(), 1.0, 2L)).isInstanceOf(ClassCastException.class);
    }

    @Test
    void thereIsAReducerForEveryReductionAndItNamesIt() {
        for (ReductionKind kind : ReductionKind.values()) {
            NamedReduction<?> reducer = Reducers.of(kind);
            assertThat(reducer.reduction()).isEqualTo(kind);
            assertThat(Reducers.reductionOf(reducer)).contains(kind);
        }
        assertThat(JDK).hasSize(ReductionKind.values().length);
        assertThat(Reducers.longSum()).hasToString("Reducers.longSum()");
    }

    @Test
    void jdkMethodReferencesAreRecognizedAndNothingElse() {
        Function2<Long, Long, Long> longSum = Long::sum;
        Function2<Long, Long, Long> mathMax = Math::max;
        Function2<Integer, Integer, Integer> intMin = Math::min;
        Function2<Double, Double, Double> doubleMax = Double::max;
        assertThat(Reducers.reductionOf(longSum)).contains(ReductionKind.LONG_SUM);
        assertThat(Reducers.reductionOf(mathMax)).contains(ReductionKind.LONG_MAX);
        assertThat(Reducers.reductionOf(intMin)).contains(ReductionKind.INT_MIN);
        assertThat(Reducers.reductionOf(doubleMax)).contains(ReductionKind.DOUBLE_MAX);

        Function2<Long, Long, Long> written = (a, b) -> a + b;
        long offset = 1;
        Function2<Long, Long, Long> capturing = (a, b) -> a + b + offset;
        Function2<Long, Long, Long> addExact = Math::addExact;
        Function2<Float, Float, Float> floats = Float::sum;
        Function2<Long, Long, Long> anonymous = new Function2<>() {
            @Override
            public Long call(Long a, Long b) {
                return a + b;
            }
        };
        for (Function2<?, ?, ?> function : List.of(written, capturing, addExact, floats, anonymous)) {
            assertThat(Reducers.reductionOf(function)).as("%s", function).isEmpty();
        }
    }

    @Test
    void aReducerAndARecognizedMethodReferenceSurviveJavaSerialization() throws Exception {
        SerializerInstance java = new JavaSerializer(new EmberConf(false)).newInstance();
        Function2<Long, Long, Long> copy = java.deserialize(java.serialize(Reducers.longMax()));
        assertThat(Reducers.reductionOf(copy)).contains(ReductionKind.LONG_MAX);
        assertThat(copy.call(3L, 9L)).isEqualTo(9L);
        Function2<Integer, Integer, Integer> sum = Integer::sum;
        assertThat(Reducers.reductionOf(java.deserialize(java.serialize(sum)))).contains(ReductionKind.INT_SUM);
    }
}
