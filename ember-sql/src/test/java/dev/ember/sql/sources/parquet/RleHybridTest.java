package dev.ember.sql.sources.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.SplittableRandom;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;
import org.junit.jupiter.api.Test;

/**
 * The hybrid decoder against parquet-column's encoder: long repeated runs and bit-packed stretches of every width,
 * read a value at a time and in pieces of random sizes, which must give the same values in the same order.
 */
class RleHybridTest {
    @Test
    void piecesOfAnySizeDecodeWhatOneAtATimeDecodes() throws IOException {
        SplittableRandom random = new SplittableRandom(3);
        for (int width : new int[] {0, 1, 2, 3, 7, 8, 9, 13, 17, 24, 31, 32}) {
            int[] values = values(random, width, 20_000);
            byte[] encoded = encode(values, width);

            RleHybrid single = new RleHybrid(encoded, 0, encoded.length, width);
            for (int i = 0; i < values.length; i++) {
                assertThat(single.next()).as("width %d, value %d", width, i).isEqualTo(values[i]);
            }

            RleHybrid pieces = new RleHybrid(encoded, 0, encoded.length, width);
            int[] out = new int[values.length + 5];
            int done = 0;
            while (done < values.length) {
                int n = Math.min(values.length - done, 1 + random.nextInt(random.nextBoolean() ? 7 : 3000));
                if (random.nextInt(4) == 0 && pieces.skipRepeated(values[done], n)) {
                    for (int i = done; i < done + n; i++) {
                        assertThat(values[i])
                                .as("width %d, skipped value %d", width, i)
                                .isEqualTo(values[done]);
                    }
                    System.arraycopy(values, done, out, done, n);
                } else {
                    pieces.readInto(out, done, n);
                }
                done += n;
            }
            for (int i = 0; i < values.length; i++) {
                assertThat(out[i])
                        .as("width %d, value %d read in pieces", width, i)
                        .isEqualTo(values[i]);
            }
        }
    }

    @Test
    void aSkipThatWouldCrossARunConsumesNothing() throws IOException {
        int[] values = new int[40];
        java.util.Arrays.fill(values, 0, 20, 1);
        byte[] encoded = encode(values, 1); // 20 ones as a repeated run, then 20 zeros
        RleHybrid levels = new RleHybrid(encoded, 0, encoded.length, 1);
        assertThat(levels.skipRepeated(1, 21)).isFalse();
        assertThat(levels.skipRepeated(0, 5)).isFalse();
        assertThat(levels.skipRepeated(1, 20)).isTrue();
        int[] rest = new int[20];
        levels.readInto(rest, 0, 20);
        assertThat(rest).containsOnly(0);
    }

    @Test
    void readingPastTheDataFails() throws IOException {
        byte[] encoded = encode(new int[] {5, 5, 5}, 3);
        RleHybrid values = new RleHybrid(encoded, 0, encoded.length, 3);
        int[] out = new int[16];
        assertThatThrownBy(() -> values.readInto(out, 0, 16))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("past the end of its data");
    }

    /** Runs of one value (long enough to be repeated runs) between stretches of random values of {@code width} bits. */
    private static int[] values(SplittableRandom random, int width, int count) {
        int[] values = new int[count];
        long bound = 1L << width;
        int i = 0;
        while (i < count) {
            int length = Math.min(count - i, 1 + random.nextInt(random.nextBoolean() ? 100 : 12));
            boolean run = random.nextBoolean();
            int repeated = (int) random.nextLong(bound);
            for (int k = 0; k < length; k++) {
                values[i++] = run ? repeated : (int) random.nextLong(bound);
            }
        }
        return values;
    }

    private static byte[] encode(int[] values, int width) throws IOException {
        try (RunLengthBitPackingHybridEncoder encoder =
                new RunLengthBitPackingHybridEncoder(width, 64, 1 << 20, new HeapByteBufferAllocator())) {
            for (int value : values) {
                encoder.writeInt(value);
            }
            return encoder.toBytes().toByteArray();
        }
    }
}
