package dev.ember.sql.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.StructType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchBuilderTest {
    private static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.LongType)
            .add("name", DataTypes.StringType)
            .add("tags", DataTypes.createArrayType(DataTypes.StringType));

    @Test
    void aFullBatchIsHandedOutAndNotChangedByLaterAppends() {
        BatchBuilder builder = new BatchBuilder(SCHEMA, 3);
        List<ColumnBatch> built = new ArrayList<>();
        for (long id = 0; id < 8; id++) {
            builder.append(new Object[] {id, id % 4 == 3 ? null : "n" + id, List.of("t" + id)});
            if (builder.isFull()) {
                built.add(builder.build());
                assertThat(builder.isEmpty()).isTrue();
            }
        }
        assertThat(builder.numRows()).isEqualTo(2);
        built.add(builder.build());

        assertThat(built).extracting(ColumnBatch::numRows).containsExactly(3, 3, 2);
        assertThat(Batches.toString(built.get(0))).isEqualTo("[0, n0, [t0]]\n[1, n1, [t1]]\n[2, n2, [t2]]\n");
        assertThat(Batches.toString(built.get(1))).isEqualTo("[3, null, [t3]]\n[4, n4, [t4]]\n[5, n5, [t5]]\n");
        assertThat(Batches.toString(built.get(2))).isEqualTo("[6, n6, [t6]]\n[7, null, [t7]]\n");
        assertThat(built.get(0).column(0)).isNotSameAs(built.get(1).column(0));
        assertThat(builder.build().numRows()).isZero();
    }

    @Test
    void appendingToAFullBuilderFails() {
        BatchBuilder builder = new BatchBuilder(List.of(DataTypes.IntegerType), 1);
        builder.append(new Object[] {1});
        assertThat(builder.isFull()).isTrue();
        assertThatThrownBy(() -> builder.append(new Object[] {2}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("full");
        assertThatThrownBy(() -> new BatchBuilder(List.of(DataTypes.IntegerType), 1).append(new Object[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rowsAreCopiedFromOtherBatchesAndColumnsWrittenOneByOne() {
        List<Object[]> rows = TestData.rows(20);
        ColumnBatch source = Batches.fromRows(rows, TestData.ALL_TYPES);
        BatchBuilder builder = new BatchBuilder(TestData.ALL_TYPES, 10);
        for (int row = 19; row >= 0; row -= 2) {
            builder.appendFrom(source, row);
        }
        ColumnBatch copied = builder.build();
        List<Object[]> expected = new ArrayList<>();
        for (int row = 19; row >= 0; row -= 2) {
            expected.add(rows.get(row));
        }
        TestData.assertSameRows(Batches.toRows(copied), expected);

        BatchBuilder pairs = new BatchBuilder(List.of(DataTypes.StringType, DataTypes.IntegerType), 4);
        pairs.copyFrom(0, source.column(14), 2);
        ((IntVector) pairs.vector(1)).set(pairs.numRows(), 99);
        pairs.endRow();
        pairs.set(0, "x");
        pairs.setNull(1);
        pairs.endRow();
        pairs.set(0, "only the first column");
        pairs.endRow();
        assertThat(Batches.toString(pairs.build()))
                .isEqualTo("[row 2, 99]\n[x, null]\n[only the first column, null]\n");
    }

    @Test
    void clearDropsTheRowsNotYetBuilt() {
        BatchBuilder builder = new BatchBuilder(SCHEMA);
        assertThat(builder.capacity()).isEqualTo(ColumnBatch.DEFAULT_ROWS);
        builder.append(new Object[] {1L, "a", null});
        builder.clear();
        builder.append(new Object[] {2L, "b", List.of()});
        assertThat(Batches.toString(builder.build())).isEqualTo("[2, b, []]\n");
    }

    @Test
    void gatherCopiesTheChosenRowsOfEveryKind() {
        List<Object[]> rows = TestData.rows(100);
        ColumnBatch source = Batches.fromRows(rows, TestData.ALL_TYPES);
        int[] picked = {99, 98, 0, 64, 63, 5, 5, -1};
        for (int column = 0; column < source.numColumns(); column++) {
            ColumnVector gathered = BatchBuilder.gather(source.column(column), picked, 7);
            assertThat(gathered.size()).isEqualTo(7);
            assertThat(gathered.getClass()).isEqualTo(source.column(column).getClass());
            for (int k = 0; k < 7; k++) {
                assertThat(gathered.isNull(k)).isEqualTo(source.column(column).isNull(picked[k]));
                assertThat(Batches.valueToString(gathered.getObject(k)))
                        .isEqualTo(Batches.valueToString(rows.get(picked[k])[column]));
            }
        }
        assertThatThrownBy(() -> BatchBuilder.gather(source.column(0), picked, 9))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
