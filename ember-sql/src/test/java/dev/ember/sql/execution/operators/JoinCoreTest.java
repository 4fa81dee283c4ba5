package dev.ember.sql.execution.operators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.sql.execution.eval.Evaluators;
import dev.ember.sql.execution.eval.VectorExpression;
import dev.ember.sql.expressions.BoundReference;
import dev.ember.sql.plans.logical.JoinType;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.vector.BatchSerializer;
import dev.ember.sql.vector.ColumnBatch;
import dev.ember.sql.vector.ColumnVector;
import dev.ember.sql.vector.ColumnVectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The join of one task against a nested-loop reference, for every join type and build side, with the build side
 * held in one chunk and in many (a chunk of at most 1000 rows): duplicate keys, null keys, strings on both sides. Also
 * a build side held whole before the join (sized up front), and broadcast tables shared by concurrent tasks.
 */
class JoinCoreTest {
    private static final List<DataType> TYPES = List.of(DataTypes.LongType, DataTypes.StringType);

    @ParameterizedTest(name = "{0} build left {1}, chunks of {2}")
    @CsvSource({
        "INNER, false, 1000",
        "INNER, true, 1000",
        "INNER, false, 16777216",
        "LEFT_OUTER, false, 1000",
        "LEFT_OUTER, true, 1000",
        "RIGHT_OUTER, true, 1000",
        "RIGHT_OUTER, false, 1000",
        "FULL_OUTER, false, 1000",
        "FULL_OUTER, true, 1000",
        "LEFT_SEMI, false, 1000",
        "LEFT_ANTI, false, 1000"
    })
    void matchesTheNestedLoopReference(JoinType type, boolean buildLeft, int chunkRows) {
        List<ColumnBatch> left = batches(9000, 300, 1);
        List<ColumnBatch> right = batches(7000, 250, 2);
        JoinCore core = new JoinCore(spec(type, buildLeft), (buildLeft ? left : right).iterator(), 0, chunkRows);
        List<String> got = joined(core, buildLeft ? right : left);
        assertThat(got).hasSize(expected(type, left, right).size());
        assertThat(got).isEqualTo(expected(type, left, right));
    }

    @ParameterizedTest(name = "{0} build left {1}")
    @CsvSource({"INNER, false", "LEFT_OUTER, false", "FULL_OUTER, true", "LEFT_ANTI, false"})
    void aBuildSideHeldWholeIsSizedUpFrontAndGivesTheSameRows(JoinType type, boolean buildLeft) {
        List<ColumnBatch> left = batches(9000, 300, 1);
        List<ColumnBatch> right = batches(7000, 250, 2);
        JoinCore core = JoinCore.ofHeld(spec(type, buildLeft), new ArrayList<>(buildLeft ? left : right));
        assertThat(joined(core, buildLeft ? right : left)).isEqualTo(expected(type, left, right));
    }

    @Test
    void broadcastTablesAreBuiltOncePerJoinAndProbedByManyTasksAtOnce() throws Exception {
        List<ColumnBatch> left = batches(9000, 300, 1);
        List<ColumnBatch> right = batches(7000, 250, 2);
        BatchSerializer serializer = new BatchSerializer(TYPES);
        List<byte[]> broadcast = new ArrayList<>();
        for (ColumnBatch batch : right) {
            broadcast.add(serializer.toBytes(batch));
        }
        JoinCore.Spec inner = spec(JoinType.INNER, false);
        JoinCore shared = BroadcastJoinTables.table(inner, 1, broadcast, TYPES);
        assertThat(BroadcastJoinTables.table(inner, 1, broadcast, TYPES)).isSameAs(shared);
        // Another join over the same broadcast has a table of its own.
        assertThat(BroadcastJoinTables.table(inner, 2, broadcast, TYPES)).isNotSameAs(shared);
        // A join that records which build rows matched never shares its table.
        JoinCore.Spec full = spec(JoinType.FULL_OUTER, false);
        assertThat(BroadcastJoinTables.table(full, 3, broadcast, TYPES))
                .isNotSameAs(BroadcastJoinTables.table(full, 3, broadcast, TYPES));

        // Four tasks probe the shared table at once; each gets the whole answer.
        List<String> expected = expected(JoinType.INNER, left, right);
        ExecutorService tasks = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> answers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                answers.add(tasks.submit(() -> joined(BroadcastJoinTables.table(inner, 4, broadcast, TYPES), left)));
            }
            for (Future<List<String>> answer : answers) {
                assertThat(answer.get(2, TimeUnit.MINUTES)).isEqualTo(expected);
            }
        } finally {
            tasks.shutdownNow();
        }
    }

    private static JoinCore.Spec spec(JoinType type, boolean buildLeft) {
        VectorExpression leftKey = Evaluators.compile(new BoundReference(0, DataTypes.LongType, true));
        VectorExpression rightKey = Evaluators.compile(new BoundReference(0, DataTypes.LongType, true));
        return new JoinCore.Spec(
                type,
                buildLeft,
                List.of(buildLeft ? rightKey : leftKey),
                List.of(buildLeft ? leftKey : rightKey),
                null,
                TYPES,
                TYPES);
    }

    /** The rows of {@code stream} joined through {@code core}, as text, sorted. */
    private static List<String> joined(JoinCore core, List<ColumnBatch> stream) {
        List<String> got = new ArrayList<>();
        for (Iterator<ColumnBatch> out = core.run(stream.iterator()); out.hasNext(); ) {
            ColumnBatch batch = out.next();
            for (int k = 0; k < batch.size(); k++) {
                got.add(row(batch, batch.row(k)));
            }
        }
        got.sort(null);
        return got;
    }

    /** {@code rows} rows of (key, text): keys from 0 to keys - 1, every 50th null; batches of 4096 rows. */
    private static List<ColumnBatch> batches(int rows, int keys, int seed) {
        List<ColumnBatch> out = new ArrayList<>();
        for (int start = 0; start < rows; start += ColumnBatch.DEFAULT_ROWS) {
            int n = Math.min(ColumnBatch.DEFAULT_ROWS, rows - start);
            List<Object> k = new ArrayList<>();
            List<Object> v = new ArrayList<>();
            for (int i = start; i < start + n; i++) {
                k.add(i % 50 == 0 ? null : (long) ((i * 7L + seed) % keys));
                v.add("v" + seed + "-" + i);
            }
            out.add(ColumnBatch.of(
                    n, ColumnVectors.of(DataTypes.LongType, k), ColumnVectors.of(DataTypes.StringType, v)));
        }
        return out;
    }

    private static List<String> expected(JoinType type, List<ColumnBatch> left, List<ColumnBatch> right) {
        List<Object[]> l = rows(left);
        List<Object[]> r = rows(right);
        List<String> out = new ArrayList<>();
        boolean[] rightMatched = new boolean[r.size()];
        for (Object[] a : l) {
            boolean matched = false;
            for (int j = 0; j < r.size(); j++) {
                Object[] b = r.get(j);
                if (a[0] != null && a[0].equals(b[0])) {
                    matched = true;
                    rightMatched[j] = true;
                    if (type != JoinType.LEFT_SEMI && type != JoinType.LEFT_ANTI) {
                        out.add(text(a, b));
                    }
                }
            }
            if ((type == JoinType.LEFT_SEMI && matched) || (type == JoinType.LEFT_ANTI && !matched)) {
                out.add(text(a, null));
            }
            if (!matched && (type == JoinType.LEFT_OUTER || type == JoinType.FULL_OUTER)) {
                out.add(text(a, new Object[2]));
            }
        }
        if (type == JoinType.RIGHT_OUTER || type == JoinType.FULL_OUTER) {
            for (int j = 0; j < r.size(); j++) {
                if (!rightMatched[j]) {
                    out.add(text(new Object[2], r.get(j)));
                }
            }
        }
        out.sort(null);
        return out;
    }

    private static List<Object[]> rows(List<ColumnBatch> batches) {
        List<Object[]> out = new ArrayList<>();
        for (ColumnBatch batch : batches) {
            for (int k = 0; k < batch.size(); k++) {
                int row = batch.row(k);
                out.add(new Object[] {value(batch.column(0), row), value(batch.column(1), row)});
            }
        }
        return out;
    }

    private static Object value(ColumnVector vector, int row) {
        return vector.isNull(row) ? null : vector.getObject(row);
    }

    private static String row(ColumnBatch batch, int row) {
        Object[] values = new Object[batch.numColumns()];
        for (int c = 0; c < values.length; c++) {
            values[c] = value(batch.column(c), row);
        }
        return values.length == 2
                ? text(values, null)
                : text(Arrays.copyOfRange(values, 0, 2), Arrays.copyOfRange(values, 2, 4));
    }

    private static String text(Object[] a, Object[] b) {
        return Arrays.toString(a) + (b == null ? "" : " " + Arrays.toString(b));
    }
}
