package dev.ember.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.EmberException;
import dev.ember.Partition;
import dev.ember.serializer.JavaSerializer;
import dev.ember.serializer.SerializerInstance;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TaskSerializationTest {
    private record OnePartition(int index) implements Partition {}

    private static final byte[] MARK = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 1, 2, 3, 4};

    private static byte[] binary(int length) {
        byte[] binary = new byte[length];
        for (int i = 0; i < length; i++) {
            binary[i] = (byte) (i * 31);
        }
        System.arraycopy(MARK, 0, binary, 0, MARK.length);
        return binary;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("marker not found");
    }

    @Test
    void theBinaryTravelsWholeAndALengthBeyondTheStreamFailsWithoutBeingAllocated() {
        SerializerInstance java = new JavaSerializer().newInstance();
        byte[] binary = binary(300_000);
        byte[] bytes = java.serialize(new ResultTask<>(1, 0, 2, new OnePartition(3), 4, binary, 3));
        ResultTask<?, ?> copy = java.deserialize(bytes);
        assertThat(copy.taskBinary).isEqualTo(binary);
        assertThat(copy.partitionId()).isEqualTo(3);

        // The length is the int just before the binary's first bytes: announce almost 2 GiB instead.
        byte[] lying = bytes.clone();
        ByteBuffer.wrap(lying).putInt(indexOf(lying, MARK) - 4, Integer.MAX_VALUE - 16);
        assertThatThrownBy(() -> java.deserialize(lying)).isInstanceOf(EmberException.class);
    }
}
