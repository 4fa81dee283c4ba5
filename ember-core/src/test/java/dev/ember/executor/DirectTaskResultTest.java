package dev.ember.executor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.EmberConf;
import dev.ember.metrics.TaskMetrics;
import dev.ember.serializer.DeserializationStream;
import dev.ember.serializer.JavaSerializer;
import dev.ember.serializer.KryoSerializer;
import dev.ember.serializer.SerializationStream;
import dev.ember.serializer.SerializerInstance;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DirectTaskResultTest {
    private final SerializerInstance closures = new JavaSerializer(new EmberConf(false)).newInstance();

    /** Results as the executor sends them and the driver reads them: through Java serialization. */
    private DirectTaskResult roundTrip(DirectTaskResult result) {
        return closures.deserialize(closures.serialize(result));
    }

    @Test
    void numbersBooleansAndShortStringsTravelWithoutTheDataSerializer() {
        CountingSerializer data = new CountingSerializer();
        char[] longest = new char[DirectTaskResult.PLAIN_STRING_MAX];
        Arrays.fill(longest, 'x');
        List<Object> plain = new ArrayList<>(Arrays.asList(
                null, 42L, 7, 2.5, true, 1.5f, (short) 3, (byte) 4, 'c', "", "word", new String(longest)));
        for (Object value : plain) {
            DirectTaskResult read = roundTrip(DirectTaskResult.of(value, data, List.of(), new TaskMetrics()));
            assertThat((Object) read.value(data)).as(String.valueOf(value)).isEqualTo(value);
        }
        assertThat(data.calls).as("the data serializer is never used").isZero();
        assertThat(DirectTaskResult.of(42L, data, List.of(), new TaskMetrics()).valueSize())
                .isEqualTo(8);
        assertThat(DirectTaskResult.of("word", data, List.of(), new TaskMetrics())
                        .valueSize())
                .isEqualTo(8);
    }

    @Test
    void everythingElseGoesThroughTheDataSerializer() {
        CountingSerializer data = new CountingSerializer();
        char[] tooLong = new char[DirectTaskResult.PLAIN_STRING_MAX + 1];
        Arrays.fill(tooLong, 'y');
        List<Object> serialized =
                List.of(List.of(1L, 2L), new long[] {1, 2}, new String(tooLong), new StringBuilder("b"));
        for (Object value : serialized) {
            DirectTaskResult written = DirectTaskResult.of(value, data, List.of(), new TaskMetrics());
            assertThat(written.valueSize()).isEqualTo(data.lastSize);
            DirectTaskResult read = roundTrip(written);
            Object back = read.value(data);
            if (value instanceof long[] numbers) {
                assertThat((long[]) back).containsExactly(numbers);
            } else {
                assertThat(back.toString()).isEqualTo(value.toString());
            }
        }
        assertThat(data.calls).as("one write and one read per value").isEqualTo(2 * serialized.size());
    }

    /** Kryo, counting how often it is asked to write or read a value. */
    private static final class CountingSerializer extends SerializerInstance {
        private final SerializerInstance kryo = new KryoSerializer().newInstance();
        int calls;
        int lastSize;

        @Override
        public byte[] serialize(Object value) {
            calls++;
            byte[] bytes = kryo.serialize(value);
            lastSize = bytes.length;
            return bytes;
        }

        @Override
        public <T> T deserialize(byte[] bytes, int offset, int length, ClassLoader loader) {
            calls++;
            return kryo.deserialize(bytes, offset, length, loader);
        }

        @Override
        public SerializationStream serializeStream(OutputStream out) {
            throw new UnsupportedOperationException();
        }

        @Override
        public DeserializationStream deserializeStream(InputStream in) {
            throw new UnsupportedOperationException();
        }
    }
}
