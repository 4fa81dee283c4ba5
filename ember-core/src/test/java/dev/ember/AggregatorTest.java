package dev.ember;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.collection.CompactBuffer;
import dev.ember.function.Function;
import dev.ember.function.Function2;
import dev.ember.function.Reducers;
import dev.ember.function.ReductionKind;
import dev.ember.serializer.JavaSerializer;
import dev.ember.serializer.SerializerInstance;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An aggregator's kind is what its maker said, and it travels with the aggregator into tasks. */
class AggregatorTest {
    private final SerializerInstance java = new JavaSerializer(new EmberConf(false)).newInstance();

    private <T> T copy(T value) {
        return java.deserialize(java.serialize(value));
    }

    @Test
    void everyKindSurvivesJavaSerialization() throws Exception {
        Aggregator<String, Long, Long> named = Aggregator.reducing(Reducers.longSum());
        Aggregator<String, Integer, Integer> methodReference = Aggregator.reducing(Integer::max);
        Aggregator<String, Long, Long> general = new Aggregator<>(value -> value, Long::sum, Long::sum);
        Aggregator<String, Object, CompactBuffer<Object>> grouping = CompactBuffer.grouping();

        Aggregator<String, Long, Long> namedCopy = copy(named);
        assertThat(namedCopy.kind()).isEqualTo(new Aggregator.Kind.Reduction(ReductionKind.LONG_SUM));
        assertThat(namedCopy.reduction()).contains(ReductionKind.LONG_SUM);
        assertThat(namedCopy.mergeValue(2L, 3L)).isEqualTo(5L);
        assertThat(namedCopy.create(4L)).isEqualTo(4L);
        assertThat(copy(methodReference).kind()).isEqualTo(new Aggregator.Kind.Reduction(ReductionKind.INT_MAX));
        assertThat(copy(general).kind()).isInstanceOf(Aggregator.Kind.General.class);
        assertThat(copy(general).reduction()).isEmpty();
        Aggregator<String, Object, CompactBuffer<Object>> groupingCopy = copy(grouping);
        assertThat(groupingCopy.kind()).isInstanceOf(Aggregator.Kind.Grouping.class);
        assertThat(groupingCopy.mergeValue(groupingCopy.create("a"), 2)).containsExactly("a", 2);
    }

    @Test
    void reducingNamesTheReductionOnlyWhenTheFunctionDoes() {
        Function2<Long, Long, Long> written = (a, b) -> a + b;
        Aggregator<String, Long, Long> general = Aggregator.reducing(written);
        assertThat(general.kind()).isEqualTo(Aggregator.Kind.GENERAL);
        assertThat(general.createCombiner()).isSameAs(Function.identity());
        assertThat(Aggregator.<String, Double>reducing(Reducers.doubleMin()).reduction())
                .contains(ReductionKind.DOUBLE_MIN);
    }

    @Test
    void ofPicksAReductionOnlyForTheIdentityAndOneReductionInBothMerges() {
        assertThat(Aggregator.of(Function.<Long>identity(), Reducers.longSum(), Long::sum)
                        .reduction())
                .contains(ReductionKind.LONG_SUM);
        assertThat(Aggregator.<String, Long, Long>of(value -> value, Long::sum, Long::sum)
                        .kind())
                .as("a combiner that does not start as the value")
                .isEqualTo(Aggregator.Kind.GENERAL);
        assertThat(Aggregator.<String, Long, Long>of(Function.identity(), Long::sum, Long::max)
                        .kind())
                .as("two different reductions")
                .isEqualTo(Aggregator.Kind.GENERAL);
        assertThat(new Aggregator<String, Long, Long>(Function.identity(), Long::sum, Long::sum).kind())
                .as("the constructor makes what it is told: a general aggregator")
                .isEqualTo(Aggregator.Kind.GENERAL);
    }

    @Test
    void theReduceSideOfACombinedShuffleKeepsOrPicksTheKind() throws Exception {
        Aggregator<String, Long, Long> reduction = Aggregator.reducing(Reducers.longMax());
        assertThat(reduction.forCombiners()).isSameAs(reduction);

        // aggregateByKey's shape: a general aggregator whose combiners merge with a reduction.
        Aggregator<String, Integer, Long> general =
                new Aggregator<>(value -> (long) value, (total, value) -> total + value, Reducers.longSum());
        Aggregator<String, Long, Long> combiners = general.forCombiners();
        assertThat(combiners.reduction()).contains(ReductionKind.LONG_SUM);
        assertThat(combiners.create(7L)).isEqualTo(7L);

        Aggregator<String, Object, CompactBuffer<Object>> grouping = CompactBuffer.grouping();
        Aggregator<String, CompactBuffer<Object>, CompactBuffer<Object>> groups = grouping.forCombiners();
        assertThat(groups.kind()).isEqualTo(Aggregator.Kind.GENERAL);
        assertThat(groups.mergeValue(CompactBuffer.of("a"), CompactBuffer.of("b")))
                .isEqualTo(List.of("a", "b"));
    }

    @Test
    void equalAggregatorsAreEqual() {
        assertThat(Aggregator.reducing(Reducers.intSum())).isEqualTo(Aggregator.reducing(Reducers.intSum()));
        assertThat(Aggregator.reducing(Reducers.intSum())).isNotEqualTo(Aggregator.reducing(Reducers.intMax()));
        assertThat(copy(Aggregator.reducing(Reducers.intSum()))).isEqualTo(Aggregator.reducing(Reducers.intSum()));
        assertThat(Aggregator.reducing(Reducers.intSum()).toString()).contains("INT_SUM", "Reducers.intSum()");
    }
}
