package dev.ember.sql.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.DecimalType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnVectorTest {
    @Test
    void everyTypeHoldsItsInternalValuesAndNulls() {
        int rows = 131; // more than two bitmap words
        for (int column = 0; column < TestData.ALL_TYPES.size(); column++) {
            DataType type = TestData.ALL_TYPES.get(column);
            List<Object> values = new ArrayList<>();
            for (int row = 0; row < rows; row++) {
                values.add(TestData.value(column, row));
            }
            ColumnVector vector = ColumnVectors.of(type, values);
            assertThat(vector.type()).isEqualTo(type);
            assertThat(vector.size()).isEqualTo(rows);
            assertThat(vector.mayHaveNulls()).isTrue();
            int nulls = 0;
            for (int row = 0; row < rows; row++) {
                Object expected = values.get(row);
                assertThat(vector.isNull(row)).as("%s row %d", type, row).isEqualTo(expected == null);
                nulls += expected == null ? 1 : 0;
                Object actual = vector.getObject(row);
                assertThat(Batches.valueToString(actual)).isEqualTo(Batches.valueToString(expected));
                if (expected != null && !(expected instanceof byte[] || expected instanceof Object[])) {
                    assertThat(actual).isEqualTo(expected);
                }
            }
            assertThat(vector.nullCount()).isEqualTo(nulls);
        }
    }

    @Test
    void pickedClassesFollowHowTypesAreHeld() {
        assertThat(ColumnVectors.allocate(DataTypes.DateType, 4)).isInstanceOf(IntVector.class);
        assertThat(ColumnVectors.allocate(DataTypes.ByteType, 4)).isInstanceOf(IntVector.class);
        assertThat(ColumnVectors.allocate(DataTypes.TimestampType, 4)).isInstanceOf(LongVector.class);
        assertThat(ColumnVectors.allocate(DataTypes.createDecimalType(18, 3), 4))
                .isInstanceOf(LongVector.class);
        assertThat(ColumnVectors.allocate(DataTypes.createDecimalType(19, 3), 4))
                .isInstanceOf(ObjectVector.class);
        assertThat(ColumnVectors.allocate(DataTypes.BinaryType, 4)).isInstanceOf(BytesVector.class);
        assertThat(ColumnVectors.allocate(DataTypes.NullType, 4)).isInstanceOf(ObjectVector.class);
        assertThatThrownBy(() -> new IntVector(DataTypes.LongType, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bigint");
    }

    @Test
    void typedGettersNarrowAndRefuseOtherKinds() {
        IntVector tiny = new IntVector(DataTypes.ByteType, 2);
        tiny.set(0, -128);
        tiny.set(1, 127);
        assertThat(tiny.getByte(0)).isEqualTo((byte) -128);
        assertThat(tiny.getObject(1)).isEqualTo((byte) 127);
        IntVector small = new IntVector(DataTypes.ShortType, 1);
        small.setObject(0, (short) -32768);
        assertThat(small.getShort(0)).isEqualTo((short) -32768);
        assertThat(small.getObject(0)).isEqualTo((short) -32768);

        assertThatThrownBy(() -> tiny.getDouble(0))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("getDouble")
                .hasMessageContaining("tinyint");
        assertThatThrownBy(() -> new LongVector(DataTypes.LongType, 1).getDecimal(0))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> new DoubleVector(1).bytes()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void smallDecimalsAreUnscaledLongs() {
        LongVector vector = new LongVector(DataTypes.createDecimalType(12, 3), 4);
        vector.setDecimal(0, new BigDecimal("12.5"));
        vector.setObject(1, new BigDecimal("-0.001"));
        vector.setDecimal(2, null);
        assertThat(vector.getLong(0)).isEqualTo(12_500L);
        assertThat(vector.getDecimal(0)).isEqualTo(new BigDecimal("12.500"));
        assertThat(vector.getObject(1)).isEqualTo(new BigDecimal("-0.001"));
        assertThat(vector.isNull(2)).isTrue();
        assertThat(vector.getDecimal(2)).isNull();
        assertThatThrownBy(() -> vector.setDecimal(3, new BigDecimal("1.0001")))
                .isInstanceOf(ArithmeticException.class);

        ObjectVector big = new ObjectVector(DataTypes.createDecimalType(38, 4), 2);
        big.setObject(0, new BigDecimal("123456789012345678901234567890.5"));
        assertThat(big.getDecimal(0)).isEqualTo(new BigDecimal("123456789012345678901234567890.5000"));
    }

    @Test
    void wideDecimalsHeldAsLongsReadAsTheirValuesAndSurviveCopiesGathersAndGrowth() {
        DecimalType type = DataTypes.createDecimalType(32, 4);
        ObjectVector vector = new ObjectVector(type, 2);
        vector.setUnscaled(0, -12_345L);
        vector.setObject(1, new BigDecimal("123456789012345678901234.5"));
        vector.ensureCapacity(3);
        vector.setNull(2);
        vector.ensureCapacity(200);
        vector.setUnscaled(150, Long.MAX_VALUE);
        assertThat(vector.size()).isEqualTo(151);
        assertThat(vector.isUnscaled(0)).isTrue();
        assertThat(vector.isUnscaled(1)).isFalse();
        assertThat(vector.getDecimal(0)).isEqualTo(new BigDecimal("-1.2345"));
        assertThat(vector.getObject(0)).isEqualTo(new BigDecimal("-1.2345"));
        assertThat(vector.getDecimal(1)).isEqualTo(new BigDecimal("123456789012345678901234.5000"));
        assertThat(vector.getDecimal(150)).isEqualTo(BigDecimal.valueOf(Long.MAX_VALUE, 4));
        assertThat(vector.isNull(2)).isTrue();
        assertThat(vector.getObject(2)).isNull();

        ObjectVector copy = new ObjectVector(type, 3);
        copy.copyFrom(0, vector, 150);
        copy.copyFrom(1, vector, 1);
        copy.copyFrom(2, vector, 0);
        assertThat(copy.isUnscaled(0)).isTrue();
        assertThat(copy.unscaledAt(0)).isEqualTo(Long.MAX_VALUE);
        assertThat(copy.getDecimal(1)).isEqualTo(vector.getDecimal(1));
        assertThat(copy.getDecimal(2)).isEqualTo(new BigDecimal("-1.2345"));
        // Into a vector of another scale, the value is rescaled rather than its unscaled long taken as it is.
        ObjectVector finer = new ObjectVector(DataTypes.createDecimalType(34, 6), 1);
        finer.copyFrom(0, vector, 0);
        assertThat(finer.getDecimal(0)).isEqualTo(new BigDecimal("-1.234500"));

        ObjectVector gathered = (ObjectVector) vector.gather(new int[] {150, 2, 1, 0}, 4);
        assertThat(gathered.getDecimal(0)).isEqualTo(BigDecimal.valueOf(Long.MAX_VALUE, 4));
        assertThat(gathered.isNull(1)).isTrue();
        assertThat(gathered.isUnscaled(2)).isFalse();
        assertThat(gathered.getDecimal(2)).isEqualTo(vector.getDecimal(1));
        assertThat(gathered.unscaledAt(3)).isEqualTo(-12_345L);

        vector.reset();
        vector.setObject(0, new BigDecimal("7.5"));
        assertThat(vector.isUnscaled(0)).isFalse();
        assertThat(vector.getDecimal(0)).isEqualTo(new BigDecimal("7.5000"));
        assertThatThrownBy(
                        () -> new ObjectVector(DataTypes.createArrayType(DataTypes.IntegerType), 1).setUnscaled(0, 1L))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void bytesGrowPastTheirCapacityAndAreReadInPlace() {
        BytesVector vector = new BytesVector(DataTypes.StringType, 2, 4);
        List<String> expected = new ArrayList<>();
        for (int row = 0; row < 1000; row++) {
            String value = row % 3 == 0 ? "\u00fc\u00df" + "x".repeat(row % 50) : "v" + row;
            if (row % 11 == 0) {
                vector.setNull(row);
                expected.add(null);
            } else {
                vector.append(value);
                expected.add(value);
            }
        }
        assertThat(vector.size()).isEqualTo(1000);
        assertThat(vector.capacity()).isGreaterThanOrEqualTo(1000);
        int total = 0;
        for (int row = 0; row < 1000; row++) {
            String value = expected.get(row);
            assertThat(vector.getString(row)).isEqualTo(value);
            byte[] utf8 = value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8);
            assertThat(vector.length(row)).isEqualTo(utf8.length);
            assertThat(Arrays.copyOfRange(vector.bytes(), vector.offset(row), vector.offset(row) + vector.length(row)))
                    .isEqualTo(utf8);
            assertThat(vector.equals(row, utf8, 0, utf8.length)).isTrue();
            total += utf8.length;
        }
        assertThat(vector.dataLength()).isEqualTo(total);
    }

    @Test
    void bytesCompareEqualAndHashByContent() {
        BytesVector left = (BytesVector) ColumnVectors.of(DataTypes.StringType, "apple", "pear", "", "apples");
        BytesVector right = (BytesVector) ColumnVectors.of(DataTypes.StringType, "pear", "apple", "\u00e9");
        assertThat(left.equals(0, right, 1)).isTrue();
        assertThat(left.equals(1, right, 1)).isFalse();
        assertThat(left.equals(0, left, 3)).isFalse();
        assertThat(left.hash(0)).isEqualTo(right.hash(1));
        assertThat(left.hash(0)).isNotEqualTo(left.hash(3));
        assertThat(left.hash(2)).isNotEqualTo(left.hash(0));
        byte[] padded = "..apple..".getBytes(StandardCharsets.UTF_8);
        assertThat(left.equals(0, padded, 2, 5)).isTrue();
        assertThat(BytesVector.hash(padded, 2, 5)).isEqualTo(left.hash(0));
        assertThat(left.compare(0, left, 3)).isNegative();
        assertThat(left.compare(1, right, 0)).isZero();
        // Unsigned: a non-ASCII character sorts after every ASCII one.
        assertThat(left.compare(1, right, 2)).isNegative();
    }

    @Test
    void bytesAreWrittenInOrderAndSkippedRowsAreEmpty() {
        BytesVector vector = new BytesVector(DataTypes.BinaryType, 4);
        vector.set(0, new byte[] {1, 2});
        vector.set(3, new byte[] {3});
        assertThat(vector.size()).isEqualTo(4);
        assertThat(vector.getBinary(1)).isEmpty();
        assertThat(vector.isNull(1)).isFalse();
        assertThat(vector.getBinary(3)).containsExactly(3);
        assertThat(vector.getObject(0)).isEqualTo(new byte[] {1, 2});
        assertThatThrownBy(() -> vector.set(2, new byte[] {9}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("in order");
    }

    @Test
    void resetEmptiesForReuse() {
        IntVector vector = new IntVector(DataTypes.IntegerType, 4);
        vector.set(0, 5);
        vector.setNull(1);
        vector.reset();
        assertThat(vector.size()).isZero();
        assertThat(vector.mayHaveNulls()).isFalse();
        vector.set(1, 7);
        assertThat(vector.isNull(1)).isFalse();
        assertThat(vector.getInt(1)).isEqualTo(7);

        BytesVector bytes = new BytesVector(DataTypes.StringType, 2);
        bytes.append("abc");
        bytes.reset();
        bytes.append("z");
        assertThat(bytes.getString(0)).isEqualTo("z");
        assertThat(bytes.dataLength()).isEqualTo(1);
    }

    @Test
    void appendGrowsPrimitiveVectorsAndKeepsNulls() {
        DoubleVector vector = new DoubleVector(1);
        vector.setNull(0);
        for (int i = 1; i < 200; i++) {
            vector.append(i * 0.5);
        }
        vector.setNull(150 - 1 + 1);
        assertThat(vector.size()).isEqualTo(200);
        assertThat(vector.isNull(0)).isTrue();
        assertThat(vector.isNull(150)).isTrue();
        assertThat(vector.isNull(149)).isFalse();
        assertThat(vector.getDouble(199)).isEqualTo(99.5);
        assertThatThrownBy(() -> new IntVector(DataTypes.IntegerType, 2).setNull(2))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void constantsRepeatOneValue() {
        ColumnVector strings = ColumnVectors.constant(DataTypes.StringType, "k\u00e9", 300);
        ColumnVector longs = ColumnVectors.constant(DataTypes.LongType, 42L, 5);
        ColumnVector nulls = ColumnVectors.constant(DataTypes.IntegerType, null, 70);
        assertThat(strings.size()).isEqualTo(300);
        assertThat(strings.getString(299)).isEqualTo("k\u00e9");
        assertThat(longs.getLong(4)).isEqualTo(42L);
        assertThat(nulls.nullCount()).isEqualTo(70);
        assertThat(ColumnVectors.constant(DataTypes.DoubleType, 1.0, 0).size()).isZero();
    }

    @Test
    void copyFromCopiesValuesAndNulls() {
        ColumnVector source = ColumnVectors.of(DataTypes.FloatType, 1.5f, null, 3.5f);
        FloatVector target = new FloatVector(3);
        target.copyFrom(0, source, 2);
        target.copyFrom(1, source, 1);
        target.copyFrom(2, source, 0);
        assertThat(Batches.toString(target)).isEqualTo("[3.5, null, 1.5]");
    }
}
