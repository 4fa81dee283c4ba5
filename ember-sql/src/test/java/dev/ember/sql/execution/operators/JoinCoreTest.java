package dev.ember.sql.execution.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.sql.Dataset;
import dev.ember.sql.EmberSession;
import dev.ember.sql.Row;
import dev.ember.sql.execution.eval.Evaluators;
import dev.ember.sql.execution.eval.VectorExpression;
import dev.ember.sql.expressions.BoundReference;
import dev.ember.sql.expressions.Comparison;
import dev.ember.sql.expressions.Literal;
import dev.ember.sql.plans.logical.JoinType;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.vector.BatchSerializer;
import dev.ember.sql.vector.ColumnBatch;
import dev.ember.sql.vector.ColumnVector;
import dev.ember.sql.vector.ColumnVectors;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
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
        "LEFT_SEMI, true, 1000",
        "LEFT_ANTI, false, 1000",
        "LEFT_ANTI, true, 1000"
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
    @CsvSource({
        "LEFT_SEMI, false",
        "LEFT_SEMI, true",
        "LEFT_ANTI, false",
        "LEFT_ANTI, true",
        "INNER, true",
        "INNER, false",
        "LEFT_OUTER, false",
        "FULL_OUTER, true"
    })
    void aConditionOnThePairsDecidesTheMatchesWhicheverSideIsBuilt(JoinType type, boolean buildLeft) {
        List<ColumnBatch> left = batches(9000, 300, 1);
        List<ColumnBatch> right = batches(7000, 250, 2);
        JoinCore core = new JoinCore(spec(type, buildLeft, true), (buildLeft ? left : right).iterator(), 0, 1000);
        assertThat(joined(core, buildLeft ? right : left)).isEqualTo(expected(type, left, right, true));
    }

    @ParameterizedTest(name = "{0} build left {1}")
    @CsvSource({"INNER, false", "LEFT_OUTER, false", "FULL_OUTER, true", "LEFT_ANTI, false", "LEFT_SEMI, true"})
    void aBuildSideHeldWholeBeforeTheJoinGivesTheSameRows(JoinType type, boolean buildLeft) {
        List<ColumnBatch> left = batches(9000, 300, 1);
        List<ColumnBatch> right = batches(7000, 250, 2);
        JoinCore core = JoinCore.ofHeld(spec(type, buildLeft), new ArrayList<>(buildLeft ? left : right));
        assertThat(joined(core, buildLeft ? right : left)).isEqualTo(expected(type, left, right));
    }

    @Test
    void aBroadcastBuildSideIsBuiltOnceForTheTasksRunningItsJoinAndDroppedWhenTheLastEnds() throws Exception {
        List<ColumnBatch> left = batches(9000, 300, 1);
        List<ColumnBatch> right = batches(7000, 250, 2);
        BatchSerializer serializer = new BatchSerializer(TYPES);
        List<byte[]> broadcast = new ArrayList<>();
        for (ColumnBatch batch : right) {
            broadcast.add(serializer.toBytes(batch));
            assertThat(BatchSerializer.rowsIn(broadcast.get(broadcast.size() - 1)))
                    .isEqualTo(batch.size());
        }
        // Ids of their own: the driver numbers real joins from 1.
        long join = -101;
        int heldBefore = BroadcastJoinTables.held();
        List<Runnable> taskEnds = Collections.synchronizedList(new ArrayList<>());
        List<String> expected = expected(JoinType.INNER, left, right, true);

        // Four tasks of one join start at once, each with its own copy of the plan (a condition too).
        ExecutorService tasks = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<JoinCore> cores = new ArrayList<>();
        try {
            List<Future<JoinCore>> probes = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                probes.add(tasks.submit(() -> {
                    JoinCore.Spec own = spec(JoinType.INNER, false, true);
                    assertThat(start.await(1, TimeUnit.MINUTES)).isTrue();
                    JoinCore core = BroadcastJoinTables.table(own, join, broadcast, TYPES, taskEnds::add);
                    assertThat(core.spec()).isSameAs(own);
                    assertThat(joined(core, left)).isEqualTo(expected);
                    return core;
                }));
            }
            start.countDown();
            for (Future<JoinCore> probe : probes) {
                cores.add(probe.get(2, TimeUnit.MINUTES));
            }
        } finally {
            tasks.shutdownNow();
        }
        for (JoinCore core : cores) {
            assertThat(core.sharesBuildWith(cores.get(0))).isTrue();
        }
        assertThat(taskEnds).hasSize(4);

        // Another join over the same broadcast builds its own.
        List<Runnable> otherEnds = new ArrayList<>();
        JoinCore other = BroadcastJoinTables.table(
                spec(JoinType.INNER, false, true), join - 1, broadcast, TYPES, otherEnds::add);
        assertThat(other.sharesBuildWith(cores.get(0))).isFalse();
        otherEnds.forEach(Runnable::run);

        // While one task of the join runs, the build side stays, and a task starting then shares it.
        for (int t = 0; t < 3; t++) {
            taskEnds.get(t).run();
        }
        assertThat(BroadcastJoinTables.held()).isEqualTo(heldBefore + 1);
        List<Runnable> lateEnds = new ArrayList<>();
        JoinCore late =
                BroadcastJoinTables.table(spec(JoinType.INNER, false, true), join, broadcast, TYPES, lateEnds::add);
        assertThat(late.sharesBuildWith(cores.get(0))).isTrue();
        taskEnds.get(3).run();
        assertThat(BroadcastJoinTables.held()).isEqualTo(heldBefore + 1);
        lateEnds.forEach(Runnable::run);

        // Once the last has ended it is let go; a later task of the join builds it again.
        assertThat(BroadcastJoinTables.held()).isEqualTo(heldBefore);
        List<Runnable> laterEnds = new ArrayList<>();
        JoinCore later =
                BroadcastJoinTables.table(spec(JoinType.INNER, false, true), join, broadcast, TYPES, laterEnds::add);
        assertThat(later.sharesBuildWith(cores.get(0))).isFalse();
        assertThat(joined(later, left)).isEqualTo(expected);
        laterEnds.forEach(Runnable::run);
        assertThat(BroadcastJoinTables.held()).isEqualTo(heldBefore);

        // A join whose build side keeps its unmatched rows cannot be broadcast: each task would emit them.
        assertThatThrownBy(() -> BroadcastJoinTables.table(
                        spec(JoinType.FULL_OUTER, false, false), join - 2, broadcast, TYPES, r -> {}))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> BatchSerializer.rowsIn(new byte[] {1, 2, 3})).isInstanceOf(IOException.class);
    }

    @Test
    void aBroadcastJoinQueryLetsItsBuildSideGoWhenItsTasksEnd() {
        EmberSession session = EmberSession.builder()
                .master("local[2]")
                .appName("broadcast-tables")
                .getOrCreate();
        try {
            int heldBefore = BroadcastJoinTables.held();
            session.range(0, 20_000).selectExpr("id", "id % 100 AS k").createOrReplaceTempView("facts");
            session.range(0, 100).selectExpr("id AS k", "id * 2 AS v").createOrReplaceTempView("dims");
            Dataset<Row> joined = session.sql(
                    "SELECT /*+ BROADCAST(dims) */ count(*), sum(v) FROM facts JOIN dims ON facts.k = dims.k");
            assertThat(joined.queryExecution().explain(false)).contains("BroadcastHashJoin");
            List<Row> rows = joined.collectAsList();
            assertThat(rows.get(0).getLong(0)).isEqualTo(20_000L);
            assertThat(rows.get(0).getLong(1)).isEqualTo(200L * 9900);
            assertThat(BroadcastJoinTables.held()).isEqualTo(heldBefore);
        } finally {
            session.stop();
        }
    }

    private static JoinCore.Spec spec(JoinType type, boolean buildLeft) {
        return spec(type, buildLeft, false);
    }

    /** With {@code filtered}, the pairs also need the left text to sort after "v1-5" (about half of them). */
    private static JoinCore.Spec spec(JoinType type, boolean buildLeft, boolean filtered) {
        VectorExpression leftKey = Evaluators.compile(new BoundReference(0, DataTypes.LongType, true));
        VectorExpression rightKey = Evaluators.compile(new BoundReference(0, DataTypes.LongType, true));
        VectorExpression condition = filtered
                ? Evaluators.compile(new Comparison(
                        Comparison.Op.GREATER_THAN,
                        new BoundReference(1, DataTypes.StringType, true),
                        Literal.of("v1-5")))
                : null;
        return new JoinCore.Spec(
                type,
                buildLeft,
                List.of(buildLeft ? rightKey : leftKey),
                List.of(buildLeft ? leftKey : rightKey),
                condition,
                TYPES,
                TYPES,
                // The condition reads the left text only: the pairs carry that column, the output all four.
                filtered ? new boolean[] {false, true, false, false} : null);
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
        return expected(type, left, right, false);
    }

    private static List<String> expected(
            JoinType type, List<ColumnBatch> left, List<ColumnBatch> right, boolean filtered) {
        List<Object[]> l = rows(left);
        List<Object[]> r = rows(right);
        List<String> out = new ArrayList<>();
        boolean[] rightMatched = new boolean[r.size()];
        for (Object[] a : l) {
            boolean matched = false;
            for (int j = 0; j < r.size(); j++) {
                Object[] b = r.get(j);
                if (a[0] != null
                        && a[0].equals(b[0])
                        && (!filtered || a[1].toString().compareTo("v1-5") > 0)) {
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
