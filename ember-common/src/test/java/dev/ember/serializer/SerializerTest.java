package dev.ember.serializer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.EmberConf;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Both serializers must round-trip what RDD records and results are made of. */
class SerializerTest {
    record Point(int x, String label, List<Double> weights) implements Serializable {}

    static final class Node implements Serializable {
        String name;
        Node next;
    }

    interface SerializableComparator<T> extends Comparator<T>, Serializable {}

    static Stream<Serializer> serializers() {
        return Stream.of(new JavaSerializer(), new KryoSerializer(new EmberConf(false)));
    }

    static List<Object> values() {
        Map<String, Integer> hash = new HashMap<>();
        hash.put("a", 1);
        hash.put(null, 2);
        return List.of(
                42,
                -7L,
                3.5,
                "text with ünïcödé",
                new byte[] {1, 2, 3},
                new long[] {Long.MIN_VALUE, 0, Long.MAX_VALUE},
                new BigDecimal("12345.6789"),
                new ArrayList<>(List.of(1, 2, 3)),
                List.of("immutable", "list"),
                List.of(),
                Arrays.asList("arrays", null, "asList"),
                Stream.of("a", null).toList(),
                Collections.unmodifiableList(new ArrayList<>(List.of(1))),
                Set.of(1, 2, 3),
                new LinkedHashSet<>(List.of("x", "y")),
                Map.of("k", "v", "k2", "v2"),
                hash,
                new TreeMap<>(Map.of(3, "c", 1, "a")),
                Optional.of("present"),
                Optional.empty(),
                OptionalLong.of(9),
                new Point(3, "p", List.of(1.5, 2.5)),
                new Object[] {"mixed", 1, List.of(Optional.of(2))});
    }

    @ParameterizedTest
    @MethodSource("serializers")
    void roundTripsCommonValues(Serializer serializer) {
        SerializerInstance instance = serializer.newInstance();
        for (Object value : values()) {
            Object copy = instance.deserialize(instance.serialize(value));
            assertThat(copy)
                    .as("%s through %s", value, serializer)
                    .usingRecursiveComparison()
                    .isEqualTo(value);
            assertThat(copy.getClass().isArray()
                            || copy.equals(value)
                            || copy instanceof byte[]
                            || copy instanceof long[])
                    .isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("serializers")
    void roundTripsCyclicGraphs(Serializer serializer) {
        Node first = new Node();
        Node second = new Node();
        first.name = "first";
        second.name = "second";
        first.next = second;
        second.next = first;
        SerializerInstance instance = serializer.newInstance();
        Node copy = instance.deserialize(instance.serialize(first));
        assertThat(copy.next.next).isSameAs(copy);
        assertThat(copy.next.name).isEqualTo("second");
    }

    @ParameterizedTest
    @MethodSource("serializers")
    void roundTripsSerializableLambdas(Serializer serializer) {
        SerializableComparator<String> byLength = (a, b) -> Integer.compare(a.length(), b.length());
        SerializerInstance instance = serializer.newInstance();
        SerializableComparator<String> copy = instance.deserialize(instance.serialize(byLength));
        assertThat(copy.compare("aa", "b")).isPositive();
    }

    @ParameterizedTest
    @MethodSource("serializers")
    void streamsManyObjectsAndEndWithEof(Serializer serializer) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SerializerInstance instance = serializer.newInstance();
        SerializationStream out = instance.serializeStream(bytes);
        for (int i = 0; i < 1000; i++) {
            out.writeKey("key" + i).writeValue(i);
        }
        out.close();
        DeserializationStream in = instance.deserializeStream(new ByteArrayInputStream(bytes.toByteArray()));
        Iterator<Map.Entry<Object, Object>> pairs = in.asKeyValueIterator(Map::entry);
        int count = 0;
        while (pairs.hasNext()) {
            Map.Entry<Object, Object> pair = pairs.next();
            assertThat(pair.getKey()).isEqualTo("key" + count);
            assertThat(pair.getValue()).isEqualTo(count);
            count++;
        }
        assertThat(count).isEqualTo(1000);
        DeserializationStream empty = instance.deserializeStream(new ByteArrayInputStream(new byte[0]));
        assertThatThrownBy(empty::readObject).isInstanceOf(EOFException.class);
    }

    @Test
    void javaSerializationOfANonSerializableObjectNamesIt() {
        Object holder = new ArrayList<>(List.of(new Object() {
            @Override
            public String toString() {
                return "the culprit";
            }
        }));
        assertThatThrownBy(() -> new JavaSerializer().newInstance().serialize(holder))
                .isInstanceOf(EmberException.class)
                .satisfies(error ->
                        assertThat(((EmberException) error).errorClass()).isEqualTo(ErrorClass.TASK_NOT_SERIALIZABLE))
                .hasMessageContaining("the culprit");
    }

    @Test
    void serializerIsChosenByConfiguration() {
        assertThat(Serializer.fromConf(new EmberConf(false))).isInstanceOf(KryoSerializer.class);
        assertThat(Serializer.fromConf(new EmberConf(false).set("ember.serializer", "java")))
                .isInstanceOf(JavaSerializer.class);
        assertThat(Serializer.fromConf(new EmberConf(false).set("ember.serializer", JavaSerializer.class.getName())))
                .isInstanceOf(JavaSerializer.class);
        assertThatThrownBy(
                        () -> Serializer.fromConf(new EmberConf(false).set("ember.serializer", "com.example.Missing")))
                .hasMessageContaining("com.example.Missing");
        assertThatThrownBy(() -> Serializer.fromConf(new EmberConf(false).set("ember.serializer", "java.lang.String")))
                .hasMessageContaining("does not extend");
    }

    @Test
    void kryoRegistrationRequiredRejectsUnknownClassesWithTheirName() {
        KryoSerializer strict = new KryoSerializer(new EmberConf(false).set("ember.kryo.registrationRequired", "true"));
        assertThatThrownBy(() -> strict.newInstance().serialize(new Point(1, "a", List.of())))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("Point");
        KryoSerializer registered = new KryoSerializer(new EmberConf(false)
                .set("ember.kryo.registrationRequired", "true")
                .set("ember.kryo.classesToRegister", Point.class.getName()));
        Point point = new Point(1, "a", List.of(1.0));
        SerializerInstance instance = registered.newInstance();
        assertThat((Point) instance.deserialize(instance.serialize(point))).isEqualTo(point);
    }

    @Test
    void anInputFilterRefusesClassesBeforeTheyAreBuiltInBothReadingPaths() {
        JavaSerializer filtered = new JavaSerializer()
                .withInputFilter(java.io.ObjectInputFilter.Config.createFilter("java.lang.*;java.util.*;!*"));
        SerializerInstance instance = filtered.newInstance();
        assertThat(instance.<List<Object>>deserialize(instance.serialize(List.of(1L, "a"))))
                .containsExactly(1L, "a");
        byte[] refused = instance.serialize(List.of(new BigDecimal("1.5")));
        assertThatThrownBy(() -> instance.deserialize(refused))
                .isInstanceOf(EmberException.class)
                .hasCauseInstanceOf(java.io.InvalidClassException.class)
                .hasMessageContaining("class java.math.BigDecimal is refused by the deserialization filter");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (SerializationStream out = instance.serializeStream(bytes)) {
            out.writeObject(new BigDecimal("2.5"));
        }
        DeserializationStream in = instance.deserializeStream(new ByteArrayInputStream(bytes.toByteArray()));
        assertThatThrownBy(in::readObject).hasRootCauseInstanceOf(java.io.InvalidClassException.class);
        assertThat(new JavaSerializer().newInstance().<List<Object>>deserialize(refused))
                .containsExactly(new BigDecimal("1.5"));
    }
}
