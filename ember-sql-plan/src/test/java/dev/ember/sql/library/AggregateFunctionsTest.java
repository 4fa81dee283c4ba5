package dev.ember.sql.library;

import static dev.ember.sql.library.F.aggregate;
import static dev.ember.sql.library.F.aggregateFunction;
import static dev.ember.sql.library.F.call;
import static dev.ember.sql.library.F.dec;
import static dev.ember.sql.library.F.error;
import static dev.ember.sql.library.F.list;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ember.ErrorClass;
import dev.ember.sql.catalog.FunctionInfo;
import dev.ember.sql.expressions.BoundReference;
import dev.ember.sql.expressions.InternalRow;
import dev.ember.sql.expressions.UnresolvedStar;
import dev.ember.sql.expressions.aggregate.AggregateFunction;
import dev.ember.sql.expressions.aggregate.ApproxCountDistinct;
import dev.ember.sql.expressions.aggregate.Count;
import dev.ember.sql.types.ArrayType;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.DecimalType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AggregateFunctionsTest {
    @Test
    void registeredAsAggregates() {
        for (String name : List.of("count", "sum", "avg", "percentile_approx", "approx_count_distinct", "median")) {
            assertThat(F.REGISTRY.lookup(name).orElseThrow().kind()).isEqualTo(FunctionInfo.Kind.AGGREGATE);
        }
    }

    @Test
    void countStarAndCountOfColumns() {
        assertThat(call("count")).isEqualTo(new Count(List.of()));
        assertThat(call("count", new UnresolvedStar(List.of()))).isEqualTo(new Count(List.of()));
        assertThat(aggregate("count", DataTypes.IntegerType, list(1, null, 3), list(null, 5)))
                .isEqualTo(3L);
        assertThat(aggregate("count_if", DataTypes.BooleanType, list(true, false, null), list(true)))
                .isEqualTo(2L);
    }

    @Test
    void sumsAndAverages() {
        assertThat(aggregate("sum", DataTypes.IntegerType, list(1, 2, null), list(3)))
                .isEqualTo(6L);
        assertThat(aggregate("sum", DataTypes.IntegerType, list((Object) null), list()))
                .isNull();
        assertThat(aggregate("sum", new DecimalType(5, 2), list(dec("1.25")), list(dec("2.50"))))
                .isEqualTo(dec("3.75"));
        assertThat(aggregate("avg", DataTypes.IntegerType, list(1, 2), list(6))).isEqualTo(3.0);
        assertThat(aggregate("mean", DataTypes.DoubleType, list(1.0), list(2.0)))
                .isEqualTo(1.5);
        assertThat(aggregateFunction("sum", DataTypes.StringType).dataType()).isEqualTo(DataTypes.DoubleType);
        assertThat(error(() -> aggregateFunction("sum", DataTypes.BooleanType)).errorClass())
                .isEqualTo(ErrorClass.DATATYPE_MISMATCH);
        assertThat(error(() -> call("sum")).getMessage()).contains("The function sum takes 1 argument");
    }

    @Test
    void minMaxFirstLast() {
        assertThat(aggregate("min", DataTypes.StringType, list("b", null), list("a")))
                .isEqualTo("a");
        assertThat(aggregate("max", DataTypes.IntegerType, list(1, 7), list(3))).isEqualTo(7);
        assertThat(aggregate("first", DataTypes.IntegerType, list(null, 2), list(3)))
                .isNull();
        assertThat(aggregate("first", DataTypes.IntegerType, list(null, 2), list(3), true))
                .isEqualTo(2);
        assertThat(aggregate("last_value", DataTypes.IntegerType, list(1), list(3, null)))
                .isNull();
        assertThat(aggregate("last", DataTypes.IntegerType, list(1), list(3, null), true))
                .isEqualTo(3);
        assertThat(aggregate("any_value", DataTypes.IntegerType, list(4), list(5)))
                .isEqualTo(4);
        assertThat(error(() -> aggregateFunction("first", DataTypes.IntegerType, "yes"))
                        .errorClass())
                .isEqualTo(ErrorClass.DATATYPE_MISMATCH);
        assertThat(error(() -> aggregateFunction(
                                "max",
                                new dev.ember.sql.types.MapType(DataTypes.IntegerType, DataTypes.IntegerType, true)))
                        .getMessage())
                .contains("must be an orderable type");
    }

    @Test
    void collections() {
        assertThat(aggregate("collect_list", DataTypes.IntegerType, list(1, null, 2), list(1)))
                .isEqualTo(list(1, 2, 1));
        assertThat(aggregate("array_agg", DataTypes.IntegerType, list(1), list(2)))
                .isEqualTo(list(1, 2));
        assertThat(aggregate("collect_set", DataTypes.IntegerType, list(1, 2), list(1, 3)))
                .isEqualTo(list(1, 2, 3));
    }

    @Test
    void statistics() {
        List<Object> first = list(2.0, 4.0, 4.0, 4.0);
        List<Object> second = list(5.0, 5.0, 7.0, 9.0);
        assertThat(aggregate("stddev_pop", DataTypes.DoubleType, first, second)).isEqualTo(2.0);
        assertThat(aggregate("var_pop", DataTypes.DoubleType, first, second)).isEqualTo(4.0);
        assertThat((Double) aggregate("stddev", DataTypes.DoubleType, first, second))
                .isCloseTo(Math.sqrt(32.0 / 7), within(1e-12));
        assertThat((Double) aggregate("variance", DataTypes.IntegerType, list(1, 2), list(3)))
                .isCloseTo(1.0, within(1e-12));
        assertThat(aggregate("var_samp", DataTypes.IntegerType, list(1), list()))
                .isNull();
        assertThat(aggregate("std", DataTypes.IntegerType, list(1, 1), list())).isEqualTo(0.0);
    }

    @Test
    void booleansAndBy() {
        assertThat(aggregate("bool_and", DataTypes.BooleanType, list(true, null), list(true)))
                .isEqualTo(true);
        assertThat(aggregate("every", DataTypes.BooleanType, list(true), list(false)))
                .isEqualTo(false);
        assertThat(aggregate("bool_or", DataTypes.BooleanType, list(false), list(true, null)))
                .isEqualTo(true);
        assertThat(aggregate("some", DataTypes.BooleanType, list((Object) null), list()))
                .isNull();
        AggregateFunction maxBy = (AggregateFunction) call(
                "max_by",
                new BoundReference(0, DataTypes.StringType, true),
                new BoundReference(1, DataTypes.IntegerType, true));
        Object[] a = maxBy.newBuffer();
        maxBy.update(a, InternalRow.of("a", 10));
        maxBy.update(a, InternalRow.of("b", 50));
        Object[] b = maxBy.newBuffer();
        maxBy.update(b, InternalRow.of("c", 20));
        maxBy.update(b, InternalRow.of("d", null));
        maxBy.merge(a, b);
        assertThat(maxBy.result(a)).isEqualTo("b");
        AggregateFunction minBy = (AggregateFunction) call(
                "min_by",
                new BoundReference(0, DataTypes.StringType, true),
                new BoundReference(1, DataTypes.IntegerType, true));
        Object[] c = minBy.newBuffer();
        minBy.update(c, InternalRow.of("a", 10));
        Object[] d = minBy.newBuffer();
        minBy.update(d, InternalRow.of("c", 5));
        minBy.merge(c, d);
        assertThat(minBy.result(c)).isEqualTo("c");
    }

    @Test
    void approxCountDistinctIsExactForFewAndCloseForMany() {
        assertThat(aggregate("approx_count_distinct", DataTypes.IntegerType, list(1, 2, 2, null), list(3, 1)))
                .isEqualTo(3L);
        assertThat(aggregate("approx_count_distinct", DataTypes.StringType, list(), list()))
                .isEqualTo(0L);
        List<Object> first = new ArrayList<>();
        List<Object> second = new ArrayList<>();
        for (long i = 0; i < 100_000; i++) {
            (i % 2 == 0 ? first : second).add(i % 50_000);
        }
        long estimate = (Long) aggregate("approx_count_distinct", DataTypes.LongType, first, second);
        assertThat((double) estimate).isCloseTo(50_000, within(50_000 * 0.15));
        long precise = (Long) aggregate("approx_count_distinct", DataTypes.LongType, first, second, 0.01);
        assertThat((double) precise).isCloseTo(50_000, within(50_000 * 0.04));
        AggregateFunction function = aggregateFunction("approx_count_distinct", DataTypes.LongType, 0.01);
        assertThat(function.bufferTypes()).containsExactly(DataTypes.BinaryType);
        assertThat(((byte[]) function.newBuffer()[0]).length).isEqualTo(1 << ApproxCountDistinct.precisionFor(0.01));
        assertThat(error(() -> aggregateFunction("approx_count_distinct", DataTypes.LongType, 2.0))
                        .errorClass())
                .isEqualTo(ErrorClass.DATATYPE_MISMATCH);
    }

    @Test
    void exactPercentilesInterpolate() {
        assertThat(aggregate("percentile", DataTypes.IntegerType, list(0, 10), list(5), 0.5))
                .isEqualTo(5.0);
        assertThat(aggregate("percentile", DataTypes.IntegerType, list(1, 2), list(3, 4), 0.5))
                .isEqualTo(2.5);
        assertThat(aggregate("percentile", DataTypes.IntegerType, list(1, 2), list(3, 4), call("array", 0.0, 1.0)))
                .isEqualTo(list(1.0, 4.0));
        assertThat(aggregate("median", DataTypes.DoubleType, list(1.0, 9.0), list(3.0)))
                .isEqualTo(3.0);
        assertThat(aggregate("median", DataTypes.DoubleType, list(), list())).isNull();
        assertThat(error(() -> aggregateFunction("percentile", DataTypes.IntegerType, 1.5))
                        .getMessage())
                .contains("between 0.0 and 1.0");
    }

    @Test
    void approximatePercentiles() {
        assertThat(aggregate("percentile_approx", DataTypes.IntegerType, list(1, 2), list(3, 4), 0.5))
                .isEqualTo(2);
        assertThat(aggregate("approx_percentile", DataTypes.IntegerType, list(1, 2), list(3, 4), 1.0))
                .isEqualTo(4);
        assertThat(aggregate("percentile_approx", DataTypes.IntegerType, list(4, 2), list(3, 1), 0.0))
                .isEqualTo(1);
        assertThat(aggregate(
                        "percentile_approx", DataTypes.IntegerType, list(1, 2), list(3, 4), call("array", 0.25, 0.75)))
                .isEqualTo(list(1, 3));
        assertThat(aggregate("percentile_approx", new DecimalType(4, 1), list(dec("1.5")), list(dec("2.5")), 0.5))
                .isEqualTo(dec("1.5"));
        assertThat(aggregate("percentile_approx", DataTypes.DateType, list(10, 20), list(30), 0.5))
                .isEqualTo(20);
        DataType arrayType = aggregateFunction("percentile_approx", DataTypes.LongType, call("array", 0.5))
                .dataType();
        assertThat(arrayType).isEqualTo(new ArrayType(DataTypes.LongType, false));
        List<Object> first = new ArrayList<>();
        List<Object> second = new ArrayList<>();
        for (int i = 1; i <= 100_000; i++) {
            (i % 3 == 0 ? first : second).add(i);
        }
        int median = (Integer) aggregate("percentile_approx", DataTypes.IntegerType, first, second, 0.5, 200);
        assertThat(median).isBetween(48_000, 52_000);
        int p90 = (Integer) aggregate("percentile_approx", DataTypes.IntegerType, first, second, 0.9);
        assertThat(p90).isBetween(89_500, 90_500);
        assertThat(error(() -> aggregateFunction("percentile_approx", DataTypes.IntegerType, 0.5, 0))
                        .errorClass())
                .isEqualTo(ErrorClass.DATATYPE_MISMATCH);
    }
}
