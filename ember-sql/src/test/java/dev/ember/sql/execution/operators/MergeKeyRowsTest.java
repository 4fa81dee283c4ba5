package dev.ember.sql.execution.operators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.EmberConf;
import dev.ember.EmberContext;
import dev.ember.TaskContext;
import dev.ember.executor.TaskContextImpl;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.vector.BatchBuilder;
import dev.ember.sql.vector.ColumnBatch;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rows of one sort-merge key in a real task with little execution memory: past what the memory grants they go to
 * disk, and every reading gives all of them back in the same batches. With the memory to hold them, nothing is spilled.
 */
class MergeKeyRowsTest {
    private static EmberContext context;

    @BeforeAll
    static void start() {
        context = new EmberContext(new EmberConf(false)
                .setMaster("local[1]")
                .setAppName("merge-key-rows")
                .set("ember.testing.memory", "6m"));
    }

    @AfterAll
    static void stop() {
        context.stop();
    }

    /** In a task: adds {@code count} rows, reads them back twice; gives rows, sums, batches and bytes spilled. */
    private static long[] holdAndRead(int count) {
        List<long[]> results = context.parallelize(List.of(count), 1)
                .map(rows -> {
                    List<DataType> types = List.of(DataTypes.LongType, DataTypes.StringType);
                    MergeKeyRows group = MergeKeyRows.forCurrentTask(types);
                    BatchBuilder input = new BatchBuilder(types);
                    for (long i = 0; i < rows; i++) {
                        input.append(new Object[] {i, "row-" + i});
                        if (input.isFull() || i == rows - 1) {
                            ColumnBatch batch = input.build();
                            for (int r = 0; r < batch.numRows(); r++) {
                                group.add(batch, r);
                            }
                        }
                    }
                    group.finish();
                    long[] result = new long[6];
                    for (int reading = 0; reading < 2; reading++) {
                        long seen = 0;
                        long sum = 0;
                        int index = 0;
                        for (Iterator<ColumnBatch> batches = group.batches(); batches.hasNext(); index++) {
                            ColumnBatch batch = batches.next();
                            if (batch.numRows() != group.batchSize(index)) {
                                throw new AssertionError("batch " + index + " changed its size");
                            }
                            for (int r = 0; r < batch.numRows(); r++) {
                                sum += batch.column(0).getLong(r);
                                if (!batch.column(1)
                                        .getString(r)
                                        .equals("row-" + batch.column(0).getLong(r))) {
                                    throw new AssertionError("row " + r + " of batch " + index + " changed");
                                }
                            }
                            seen += batch.numRows();
                        }
                        result[reading * 2] = seen;
                        result[reading * 2 + 1] = sum;
                    }
                    result[4] = group.batchCount();
                    group.clear();
                    result[5] =
                            ((TaskContextImpl) TaskContext.get()).taskMetrics().diskBytesSpilled();
                    return result;
                })
                .collect();
        return results.get(0);
    }

    @Test
    void rowsBeyondTheMemorySpillAndReadBackWholeEveryTime() {
        int rows = 300_000;
        long sum = (long) rows * (rows - 1) / 2;
        long[] result = holdAndRead(rows);
        assertThat(result[0]).isEqualTo(rows);
        assertThat(result[1]).isEqualTo(sum);
        assertThat(result[2]).as("the second reading").isEqualTo(rows);
        assertThat(result[3]).isEqualTo(sum);
        assertThat(result[4]).isEqualTo((rows + 4095) / 4096);
        assertThat(result[5]).as("bytes spilled").isPositive();
    }

    @Test
    void rowsTheMemoryHoldsAreNotSpilled() {
        long[] result = holdAndRead(1_000);
        assertThat(result[0]).isEqualTo(1_000);
        assertThat(result[2]).isEqualTo(1_000);
        assertThat(result[5]).isZero();
    }
}
