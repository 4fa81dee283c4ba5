package dev.ember.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.Aggregator;
import dev.ember.EmberConf;
import dev.ember.serializer.JavaSerializer;
import dev.ember.serializer.KryoSerializer;
import dev.ember.serializer.Serializer;
import dev.ember.serializer.SerializerInstance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whatever it holds inside, the buffer reads like the list of what was added. */
class CompactBufferTest {
    private static <T> CompactBuffer<T> of(List<T> values) {
        CompactBuffer<T> buffer = new CompactBuffer<>();
        values.forEach(buffer::add);
        return buffer;
    }

    @Test
    void longsReadBackEqualInOrder() {
        List<Long> values = new ArrayList<>();
        for (long i = 0; i < 100; i++) {
            values.add(i * 1_000_000_007L - 50);
        }
        CompactBuffer<Long> buffer = of(values);
        assertThat(buffer).containsExactlyElementsOf(values);
        assertThat(buffer).isEqualTo(values).hasSameHashCodeAs(values);
        assertThat(buffer.get(57)).isInstanceOf(Long.class).isEqualTo(values.get(57));
    }

    @Test
    void anotherKindOfElementAfterLongsKeepsEverything() {
        for (List<Object> values : List.of(
                Arrays.<Object>asList(1L, 2L, 3L, 4L, "five", 6L),
                Arrays.<Object>asList(1L, 2L, 3L, null, 5L),
                Arrays.<Object>asList(1L, 2L, 3, 4L),
                Arrays.<Object>asList("a", "b", 3L, 4L),
                Arrays.<Object>asList(1L))) {
            CompactBuffer<Object> buffer = of(values);
            assertThat(buffer).as("%s", values).containsExactlyElementsOf(values);
            assertThat(buffer).hasSize(values.size());
        }
    }

    @Test
    void addAllAndBoundsChecks() {
        CompactBuffer<Long> buffer = of(List.of(1L, 2L, 3L));
        buffer.addAll(of(List.of(4L, 5L, 6L, 7L)));
        assertThat(buffer).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThatThrownBy(() -> buffer.get(7)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> buffer.get(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void theGroupingAggregatorIsAGroupingAfterSerialization() throws Exception {
        SerializerInstance java = new JavaSerializer(new EmberConf(false)).newInstance();
        // Tasks reach executors Java-serialized: the reduce side must still see groupByKey's aggregator's kind.
        Aggregator<Object, Object, CompactBuffer<Object>> copy =
                java.deserialize(java.serialize(CompactBuffer.grouping()));
        assertThat(copy.kind()).isInstanceOf(Aggregator.Kind.Grouping.class);
        CompactBuffer<Object> values = copy.mergeValue(copy.create(1L), "two");
        assertThat(copy.mergeCombiners(values, CompactBuffer.of(3))).containsExactly(1L, "two", 3);

        // The same functions through the constructor make a general aggregator: the kind is what was said.
        Aggregator<Object, Object, CompactBuffer<Object>> general =
                new Aggregator<>(copy.createCombiner(), copy.mergeValue(), copy.mergeCombiners());
        assertThat(general.kind()).isInstanceOf(Aggregator.Kind.General.class);
    }

    @Test
    void survivesBothSerializers() throws Exception {
        EmberConf conf = new EmberConf(false);
        List<Object> longs = new ArrayList<>(List.of(1L, 2L, 3L, 4L, 5L));
        List<Object> mixed = Arrays.asList(1L, 2L, 3L, "x", null);
        for (Serializer serializer : List.of(new KryoSerializer(conf), new JavaSerializer(conf))) {
            SerializerInstance instance = serializer.newInstance();
            for (List<Object> values : List.of(longs, mixed)) {
                CompactBuffer<Object> buffer = of(values);
                Object copy = instance.<Object>deserialize(instance.serialize(buffer));
                assertThat(copy).as("%s", serializer).isEqualTo(values);
            }
        }
    }
}
