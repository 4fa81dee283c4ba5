package dev.ember.serializer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.EmberConf;
import dev.ember.EmberException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.HashSet;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Java deserialization of bytes is bounded by their length, by depth and by time, and lambdas keep the filter. */
class ReadLimitsTest {
    private static byte[] plainJava(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    @Test
    void anArrayLongerThanTheBytesThatHoldItIsRefusedBeforeItIsAllocated() throws IOException {
        byte[] bytes = plainJava(new byte[] {42});
        // The array's length is the int before its one byte of data: announce 2^31 - 1 elements instead.
        ByteBuffer.wrap(bytes).putInt(bytes.length - 5, Integer.MAX_VALUE);
        SerializerInstance java = new JavaSerializer().newInstance();
        assertThatThrownBy(() -> java.deserialize(bytes))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("Refused to deserialize " + bytes.length + " bytes")
                .hasMessageContaining("an array of 2147483647 elements in " + bytes.length + " bytes");
        assertThat(bytes.length).isLessThan(64);
    }

    @Test
    void nestedArraysThatEachFitTheBytesButNotAllTogetherAreRefused() throws IOException {
        Object[] nested = new Object[1];
        Object[] innermost = nested;
        for (int level = 0; level < 30; level++) {
            Object[] outer = {nested};
            nested = outer;
        }
        byte[] bytes = plainJava(nested);
        // Every array after the first names its class by reference (TC_ARRAY, TC_REFERENCE, handle 0x7e0000), then
        // its length: claim as many elements as the stream has bytes, each time.
        int claimed = 0;
        for (int i = 0; i + 10 <= bytes.length; i++) {
            if (bytes[i] == 0x75 && bytes[i + 1] == 0x71 && bytes[i + 2] == 0 && bytes[i + 3] == 0x7e) {
                ByteBuffer.wrap(bytes).putInt(i + 6, bytes.length - 1);
                claimed++;
            }
        }
        assertThat(claimed).isEqualTo(30);
        assertThat(innermost).hasSize(1);
        SerializerInstance java = new JavaSerializer().newInstance();
        assertThatThrownBy(() -> java.deserialize(bytes))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("elements in all in " + bytes.length + " bytes");
    }

    @Test
    void setsWhoseHashCodesTakeExponentialTimeAreStoppedByTheReadBudget() throws IOException {
        // Each level's two sets share the two sets of the level below: 80 sets, 2^40 hash code calls to rebuild.
        Set<Object> root = new HashSet<>();
        Set<Object> left = root;
        Set<Object> right = new HashSet<>();
        for (int level = 0; level < 40; level++) {
            Set<Object> nextLeft = new HashSet<>();
            Set<Object> nextRight = new HashSet<>();
            nextLeft.add("level " + level);
            left.add(nextLeft);
            left.add(nextRight);
            right.add(nextLeft);
            right.add(nextRight);
            left = nextLeft;
            right = nextRight;
        }
        byte[] bomb = plainJava(root);
        assertThat(bomb.length).isLessThan(8192);
        SerializerInstance java =
                new JavaSerializer(new EmberConf(false).set("ember.serializer.java.readBudget", "1s")).newInstance();
        long start = System.nanoTime();
        assertThatThrownBy(() -> java.deserialize(bomb))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("reading took longer than 1000 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void aLambdaIsRebuiltOnlyIfTheFilterAcceptsItsCapturingClass() {
        PriorityQueue<Map.Entry<String, Integer>> queue = new PriorityQueue<>(Map.Entry.comparingByKey());
        queue.add(new AbstractMap.SimpleEntry<>("b", 2));
        queue.add(new AbstractMap.SimpleEntry<>("a", 1));
        byte[] bytes = new JavaSerializer().newInstance().serialize(queue);

        PriorityQueue<Map.Entry<String, Integer>> copy =
                new JavaSerializer().newInstance().deserialize(bytes);
        assertThat(copy.peek().getKey()).isEqualTo("a");

        JavaSerializer strict = new JavaSerializer()
                .withInputFilter(ObjectInputFilter.Config.createFilter(
                        "!java.util.Map$Entry;dev.ember.**;java.lang.*;java.util.*;!*"));
        assertThatThrownBy(() -> strict.newInstance().deserialize(bytes))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("Refused to read a lambda of java.util.Map$Entry");
    }

    @Test
    void theJdksWayOfRebuildingALambdaReadsThroughTheSameFilter() throws Exception {
        Function<Integer, Integer> twice = (Function<Integer, Integer> & Serializable) value -> value * 2;
        Method writeReplace = twice.getClass().getDeclaredMethod("writeReplace");
        writeReplace.setAccessible(true);
        SerializedLambda lambda = (SerializedLambda) writeReplace.invoke(twice);
        ObjectInputFilter noLambdas = ObjectInputFilter.Config.createFilter("!java.lang.invoke.SerializedLambda");
        assertThatThrownBy(() -> JavaSerializer.LambdaStandIn.restoreThroughJdk(
                        lambda, getClass().getClassLoader(), noLambdas))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("Cannot read a lambda of " + ReadLimitsTest.class.getName());
        @SuppressWarnings("unchecked")
        Function<Integer, Integer> rebuilt =
                (Function<Integer, Integer>) JavaSerializer.LambdaStandIn.restoreThroughJdk(
                        lambda, getClass().getClassLoader(), null);
        assertThat(rebuilt.apply(21)).isEqualTo(42);
    }
}
