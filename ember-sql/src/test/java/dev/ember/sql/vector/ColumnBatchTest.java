package dev.ember.sql.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.sql.types.DataTypes;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnBatchTest {
    private final ColumnVector ids = ColumnVectors.of(DataTypes.IntegerType, 10, 11, null, 13, 14);
    private final ColumnVector names = ColumnVectors.of(DataTypes.StringType, "a", "b", "c", null, "e");
    private final ColumnBatch batch = ColumnBatch.of(5, ids, names);

    @Test
    void aBatchWithoutSelectionHoldsEveryRow() {
        assertThat(batch.numRows()).isEqualTo(5);
        assertThat(batch.size()).isEqualTo(5);
        assertThat(batch.selection()).isNull();
        assertThat(batch.row(3)).isEqualTo(3);
        assertThat(batch.numColumns()).isEqualTo(2);
        assertThat(batch.column(1)).isSameAs(names);
        assertThat(ColumnBatch.DEFAULT_ROWS).isEqualTo(4096);
    }

    @Test
    void aSelectionKeepsSomeRowsAndSharesTheVectors() {
        ColumnBatch selected = batch.withSelection(new int[] {1, 3, 4, 0}, 2);
        assertThat(selected.size()).isEqualTo(2);
        assertThat(selected.numRows()).isEqualTo(5);
        assertThat(selected.row(1)).isEqualTo(3);
        assertThat(selected.column(0)).isSameAs(ids);
        assertThat(Batches.toString(selected)).isEqualTo("[11, b]\n[13, null]\n");
        assertThat(batch.size()).isEqualTo(5);

        ColumnBatch none = batch.withSelection(new int[0], 0);
        assertThat(none.isEmpty()).isTrue();
        assertThat(Batches.toRows(none)).isEmpty();
        assertThatThrownBy(() -> batch.withSelection(new int[] {1}, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("out of range");
    }

    @Test
    void projectingReordersAndKeepsTheSelection() {
        ColumnBatch selected = batch.withSelection(new int[] {4, 2}, 2);
        ColumnBatch projected = selected.project(new int[] {1, 0, 1});
        assertThat(projected.numColumns()).isEqualTo(3);
        assertThat(projected.column(0)).isSameAs(names);
        assertThat(Batches.toString(projected)).isEqualTo("[e, 14, e]\n[c, null, c]\n");

        ColumnVector doubled = ColumnVectors.of(DataTypes.LongType, 20L, 22L, null, 26L, 28L);
        ColumnBatch replaced = selected.withColumns(doubled);
        assertThat(Batches.toRows(replaced)).containsExactly(new Object[] {28L}, new Object[] {null});
    }

    @Test
    void columnsMustHoldTheRows() {
        assertThatThrownBy(() -> ColumnBatch.of(6, ids))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds 5 rows");
        assertThatThrownBy(() -> ColumnBatch.of(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ColumnBatch.of(0).numColumns()).isZero();
    }

    @Test
    void rowsConvertBothWaysAndCompact() {
        List<Object[]> rows = TestData.rows(70);
        ColumnBatch all = Batches.fromRows(rows, TestData.ALL_TYPES);
        TestData.assertSameRows(Batches.toRows(all), rows);

        int[] selection = {69, 0, 33, 5, 64};
        ColumnBatch compacted = Batches.compact(all.withSelection(selection, selection.length));
        assertThat(compacted.selection()).isNull();
        assertThat(compacted.numRows()).isEqualTo(5);
        assertThat(compacted.column(14).size()).isEqualTo(5);
        TestData.assertSameRows(
                Batches.toRows(compacted), List.of(rows.get(69), rows.get(0), rows.get(33), rows.get(5), rows.get(64)));
        assertThat(Batches.compact(all)).isSameAs(all);

        ColumnBatch empty = Batches.fromRows(List.of(), TestData.ALL_TYPES);
        assertThat(empty.numRows()).isZero();
        assertThat(empty.numColumns()).isEqualTo(TestData.ALL_TYPES.size());
    }

    @Test
    void valuesPrintReadably() {
        assertThat(Batches.valueToString(new Object[] {1, List.of("a"), new byte[] {(byte) 0xAB, 1}}))
                .isEqualTo("{1, [a], 0xAB01}");
        assertThat(Batches.valueToString(new java.math.BigDecimal("1E+3"))).isEqualTo("1000");
    }
}
