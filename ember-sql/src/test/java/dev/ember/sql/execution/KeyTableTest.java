package dev.ember.sql.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.sql.types.DataTypes;
import dev.ember.sql.vector.BatchBuilder;
import dev.ember.sql.vector.ColumnBatch;
import dev.ember.sql.vector.ColumnVector;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeyTableTest {
    private static ColumnVector[] columns(ColumnBatch batch) {
        ColumnVector[] columns = new ColumnVector[batch.numColumns()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = batch.column(i);
        }
        return columns;
    }

    @Test
    void groupsAreNumberedByFirstArrivalAndEqualKeysShareOne() {
        BatchBuilder rows = new BatchBuilder(List.of(DataTypes.StringType, DataTypes.LongType));
        rows.append(new Object[] {"a", 1L});
        rows.append(new Object[] {"b", 1L});
        rows.append(new Object[] {"a", 1L});
        rows.append(new Object[] {null, 1L});
        rows.append(new Object[] {"a", null});
        rows.append(new Object[] {null, 1L});
        rows.append(new Object[] {"b", 2L});
        ColumnVector[] keys = columns(rows.build());
        KeyTable table = new KeyTable(List.of(DataTypes.StringType, DataTypes.LongType));

        int[] groups = new int[7];
        for (int row = 0; row < 7; row++) {
            groups[row] = table.add(keys, row);
        }

        assertThat(groups).containsExactly(0, 1, 0, 2, 3, 2, 4);
        assertThat(table.size()).isEqualTo(5);
        assertThat(table.keyColumn(0).getString(1)).isEqualTo("b");
        assertThat(table.keyColumn(0).isNull(2)).isTrue();
        assertThat(table.keyColumn(1).isNull(3)).isTrue();
        assertThat(table.keyColumn(1).getLong(4)).isEqualTo(2L);
    }

    @Test
    void negativeZeroEqualsZeroAndNaNEqualsNaN() {
        BatchBuilder rows = new BatchBuilder(List.of(DataTypes.DoubleType, DataTypes.FloatType));
        rows.append(new Object[] {0.0, 0.0f});
        rows.append(new Object[] {-0.0, -0.0f});
        rows.append(new Object[] {Double.NaN, Float.NaN});
        rows.append(new Object[] {Double.longBitsToDouble(0x7ff8000000000123L), Float.NaN});
        rows.append(new Object[] {1.5, 0.0f});
        ColumnVector[] keys = columns(rows.build());
        KeyTable table = new KeyTable(List.of(DataTypes.DoubleType, DataTypes.FloatType));

        assertThat(table.add(keys, 0)).isZero();
        assertThat(table.add(keys, 1)).isZero();
        assertThat(table.add(keys, 2)).isEqualTo(1);
        assertThat(table.add(keys, 3)).isEqualTo(1);
        assertThat(table.add(keys, 4)).isEqualTo(2);
    }

    @Test
    void findsWithoutAddingAndNestedAndWideDecimalKeysCompareByContent() {
        BatchBuilder rows = new BatchBuilder(
                List.of(DataTypes.createArrayType(DataTypes.IntegerType), DataTypes.createDecimalType(30, 2)));
        rows.append(new Object[] {List.of(1, 2), new BigDecimal("12345678901234567890.25")});
        rows.append(new Object[] {List.of(1, 2), new BigDecimal("12345678901234567890.25")});
        rows.append(new Object[] {List.of(2, 1), new BigDecimal("12345678901234567890.25")});
        ColumnVector[] keys = columns(rows.build());
        KeyTable table = new KeyTable(
                List.of(DataTypes.createArrayType(DataTypes.IntegerType), DataTypes.createDecimalType(30, 2)));

        assertThat(table.add(keys, 0)).isZero();
        assertThat(table.find(keys, 1)).isZero();
        assertThat(table.find(keys, 2)).isEqualTo(-1);
        assertThat(table.size()).isEqualTo(1);
    }

    @Test
    void manyKeysWhoseHashesShareTheirLowBitsStayDistinct() {
        // An exchange sends a task the rows whose hash is one value modulo the task count: the table must not
        // place such keys by their low bits alone.
        Random random = new Random(7);
        BatchBuilder rows = new BatchBuilder(List.of(DataTypes.LongType), 200_000);
        Map<Long, Integer> expected = new HashMap<>();
        int added = 0;
        while (added < 200_000) {
            long value = random.nextInt(60_000);
            ColumnBatch probe = ColumnBatch.of(1, single(value));
            if (KeyHashing.partition(KeyHashing.hash(columns(probe), 0), 4) != 3) {
                continue;
            }
            rows.append(new Object[] {value});
            added++;
        }
        ColumnVector[] keys = columns(rows.build());
        KeyTable table = new KeyTable(List.of(DataTypes.LongType), 16);
        for (int row = 0; row < added; row++) {
            int group = table.add(keys, row);
            Integer known = expected.putIfAbsent(keys[0].getLong(row), group);
            assertThat(group).isEqualTo(known == null ? expected.size() - 1 : known);
        }
        assertThat(table.size()).isEqualTo(expected.size());
        for (Map.Entry<Long, Integer> entry : expected.entrySet()) {
            assertThat(table.keyColumn(0).getLong(entry.getValue())).isEqualTo(entry.getKey());
        }
    }

    @Test
    void batchesAddAndFindAsRowByRowDoesWithTheSameHashes() {
        // Many keys (so the table is past the size where it reads home slots ahead), a selection, and nulls: three key
        // columns (compared in general), and one of longs or of ints alone (compared in their arrays).
        List<dev.ember.sql.types.DataType> types =
                List.of(DataTypes.LongType, DataTypes.IntegerType, DataTypes.StringType);
        Random random = new Random(5);
        BatchBuilder rows = new BatchBuilder(types, 60_000);
        for (int row = 0; row < 60_000; row++) {
            rows.append(new Object[] {
                random.nextInt(50) == 0 ? null : (long) random.nextInt(40_000),
                random.nextInt(40) == 0 ? null : random.nextInt(30_000),
                random.nextInt(9) == 0 ? null : "s" + random.nextInt(4)
            });
        }
        ColumnBatch all = rows.build();
        int[] selection = new int[all.numRows()];
        int selected = 0;
        for (int row = 0; row < all.numRows(); row++) {
            if (row % 7 != 3) {
                selection[selected++] = row;
            }
        }
        ColumnBatch batch = all.withSelection(selection, selected);
        for (int[] keyColumns : new int[][] {{0, 1, 2}, {0}, {1}}) {
            ColumnVector[] keys = new ColumnVector[keyColumns.length];
            List<dev.ember.sql.types.DataType> keyTypes = new java.util.ArrayList<>();
            for (int i = 0; i < keyColumns.length; i++) {
                keys[i] = batch.column(keyColumns[i]);
                keyTypes.add(types.get(keyColumns[i]));
            }
            int[] hashes = KeyHashing.hashAll(keys, batch);
            for (int k = 0; k < selected; k++) {
                assertThat(hashes[k]).isEqualTo(KeyHashing.hash(keys, batch.row(k)));
            }
            for (boolean skipNullKeys : new boolean[] {false, true}) {
                KeyTable single = new KeyTable(keyTypes, 16);
                KeyTable batched = new KeyTable(keyTypes, 16);
                int[] groups = new int[selected];
                batched.addAll(keys, batch, hashes, groups, skipNullKeys);
                int[] found = new int[selected];
                batched.findAll(keys, batch, hashes, found, skipNullKeys);
                for (int k = 0; k < selected; k++) {
                    int row = batch.row(k);
                    boolean nullKey = false;
                    for (ColumnVector key : keys) {
                        nullKey |= key.isNull(row);
                    }
                    int expected = skipNullKeys && nullKey ? -1 : single.add(keys, row);
                    assertThat(groups[k]).as("keys %s, row %d", keyTypes, row).isEqualTo(expected);
                    assertThat(found[k])
                            .as("keys %s, row %d found", keyTypes, row)
                            .isEqualTo(expected);
                }
                assertThat(batched.size()).isEqualTo(single.size()).isGreaterThan(1 << 14);
            }
        }
    }

    @Test
    void clearForgetsEveryKey() {
        BatchBuilder rows = new BatchBuilder(List.of(DataTypes.StringType));
        rows.append(new Object[] {"x"});
        rows.append(new Object[] {"y"});
        ColumnVector[] keys = columns(rows.build());
        KeyTable table = new KeyTable(List.of(DataTypes.StringType), 1);
        table.add(keys, 0);
        table.clear();

        assertThat(table.find(keys, 0)).isEqualTo(-1);
        assertThat(table.add(keys, 1)).isZero();
        assertThat(table.keyColumn(0).getString(0)).isEqualTo("y");
    }

    private static ColumnVector single(long value) {
        BatchBuilder builder = new BatchBuilder(List.of(DataTypes.LongType), 1);
        builder.append(new Object[] {value});
        return builder.build().column(0);
    }
}
