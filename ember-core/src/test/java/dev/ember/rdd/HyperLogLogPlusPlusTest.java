package dev.ember.rdd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.Pair;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** The sketch and its hash on their own, without a context. */
class HyperLogLogPlusPlusTest {
    @Test
    void precisionAsSparkComputesIt() {
        // ceil(2 * log2(1.106 / relativeSD)), at least 4.
        assertThat(HyperLogLogPlusPlus.precisionFor(0.05, "test")).isEqualTo(9);
        assertThat(HyperLogLogPlusPlus.precisionFor(0.01, "test")).isEqualTo(14);
        assertThat(HyperLogLogPlusPlus.precisionFor(0.001, "test")).isEqualTo(21);
        assertThat(HyperLogLogPlusPlus.precisionFor(0.5, "test")).isEqualTo(4);
        assertThat(HyperLogLogPlusPlus.precisionFor(0.0001351, "test")).isEqualTo(26);
        assertThat(Assertions.catchThrowableOfType(
                                EmberException.class, () -> HyperLogLogPlusPlus.precisionFor(0.000135, "test"))
                        .getMessage())
                .contains("needs 2^27 registers per sketch (128 MiB)")
                .contains("relativeSD of at least 0.0001351");
        EmberException tooSmall =
                Assertions.catchThrowableOfType(EmberException.class, () -> HyperLogLogPlusPlus.precisionFor(0, "op"));
        assertThat(tooSmall.errorClass()).isEqualTo(ErrorClass.INVALID_ARGUMENT);
        assertThat(tooSmall.getMessage()).contains("op: relativeSD must be at least 1.7E-5, not 0.0");
    }

    @Test
    void estimatesAcrossTheRangeAreWithinFourStandardErrors() {
        for (int precision : new int[] {9, 14}) {
            double bound = 4 * 1.04 / Math.sqrt(1 << precision);
            for (long count : new long[] {10, 100, 1000, 10_000, 100_000, 1_000_000}) {
                HyperLogLogPlusPlus sketch = new HyperLogLogPlusPlus(precision);
                for (long i = 0; i < count; i++) {
                    sketch.add(i);
                }
                assertThat((double) sketch.cardinality())
                        .as("%s distinct at precision %s", count, precision)
                        .isBetween(count * (1 - bound), count * (1 + bound));
            }
        }
    }

    @Test
    void emptyOneAndMerged() {
        HyperLogLogPlusPlus empty = new HyperLogLogPlusPlus(12);
        assertThat(empty.cardinality()).isZero();
        HyperLogLogPlusPlus one = new HyperLogLogPlusPlus(12);
        one.add("x");
        one.add("x");
        assertThat(one.cardinality()).isEqualTo(1);

        HyperLogLogPlusPlus left = new HyperLogLogPlusPlus(12);
        HyperLogLogPlusPlus right = new HyperLogLogPlusPlus(12);
        HyperLogLogPlusPlus whole = new HyperLogLogPlusPlus(12);
        for (int i = 0; i < 30_000; i++) {
            (i % 3 == 0 ? left : right).add("value " + i);
            whole.add("value " + i);
        }
        assertThat(left.merge(right).cardinality()).isEqualTo(whole.cardinality());
        assertThat(left.merge(empty).cardinality()).isEqualTo(whole.cardinality());
        assertThat(Assertions.catchThrowableOfType(EmberException.class, () -> whole.merge(new HyperLogLogPlusPlus(10)))
                        .errorClass())
                .isEqualTo(ErrorClass.INTERNAL_ERROR);
    }

    @Test
    void sigmaAndTauAtTheirEnds() {
        assertThat(HyperLogLogPlusPlus.sigma(0)).isZero();
        assertThat(HyperLogLogPlusPlus.sigma(1)).isInfinite();
        // x + x^2 + 2 x^4 + 4 x^8 + 8 x^16 + 16 x^32 + ... at 0.5; the terms after these add less than 1e-13.
        double terms = 0.5 + 0.25 + 2 / 16.0 + 4 / 256.0 + 8 / 65536.0 + 16 / Math.pow(2, 32);
        assertThat(HyperLogLogPlusPlus.sigma(0.5)).isCloseTo(terms, within(1e-13));
        assertThat(HyperLogLogPlusPlus.tau(0)).isZero();
        assertThat(HyperLogLogPlusPlus.tau(1)).isZero();
        assertThat(HyperLogLogPlusPlus.tau(0.5)).isBetween(0.0, 1.0 / 6);
    }

    @Test
    void xxHash64MatchesTheReferenceValues() {
        // Reference values of xxHash64 with seed 0.
        assertThat(StableHash.xxHash64(new byte[0], 0)).isEqualTo(0xEF46DB3751D8E999L);
        assertThat(StableHash.xxHash64("a".getBytes(StandardCharsets.UTF_8), 0)).isEqualTo(0xD24EC4F1A98C6E5BL);
        assertThat(StableHash.xxHash64("abc".getBytes(StandardCharsets.UTF_8), 0))
                .isEqualTo(0x44BC2CF5AD770999L);
        // A long hashes as its eight little-endian bytes.
        byte[] bytes = {1, 2, 3, 4, 5, 6, 7, 8};
        assertThat(StableHash.hashLong(0x0807060504030201L, 9)).isEqualTo(StableHash.xxHash64(bytes, 9));
        // Inputs of 32 bytes and more take the four-lane path; every tail length is covered up to 40 bytes.
        byte[] long40 = new byte[40];
        for (int i = 0; i < long40.length; i++) {
            long40[i] = (byte) i;
        }
        assertThat(StableHash.xxHash64(long40, 0))
                .isNotEqualTo(StableHash.xxHash64(java.util.Arrays.copyOf(long40, 39), 0));
    }

    @Test
    void stableHashFollowsEqualsForCommonTypes() {
        assertThat(StableHash.hash("ember")).isEqualTo(StableHash.hash(new String("ember")));
        assertThat(StableHash.hash(5)).as("5 and 5L are not equal").isNotEqualTo(StableHash.hash(5L));
        assertThat(StableHash.hash(Double.NaN)).isEqualTo(StableHash.hash(0.0 / 0.0));
        assertThat(StableHash.hash(0.0)).isNotEqualTo(StableHash.hash(-0.0));
        assertThat(StableHash.hash(Pair.of("a", 1))).isEqualTo(StableHash.hash(Pair.of("a", 1)));
        assertThat(StableHash.hash(Pair.of("a", 1))).isNotEqualTo(StableHash.hash(Pair.of(1, "a")));
        assertThat(StableHash.hash(List.of(1, 2))).isNotEqualTo(StableHash.hash(List.of(2, 1)));
        assertThat(StableHash.hash(new byte[] {1, 2})).isEqualTo(StableHash.hash(new byte[] {1, 2}));
        assertThat(StableHash.hash(ErrorClass.TIMEOUT)).isNotEqualTo(StableHash.hash(ErrorClass.INTERNAL_ERROR));
        assertThat(StableHash.hash(null)).isEqualTo(StableHash.hash(null));
    }
}
