package dev.ember.sql;

import dev.ember.function.FilterFunction;
import dev.ember.function.FlatMapFunction;
import dev.ember.function.ForeachFunction;
import dev.ember.function.ForeachPartitionFunction;
import dev.ember.function.MapFunction;
import dev.ember.function.MapPartitionsFunction;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.MapRows;
import java.util.Collections;
import java.util.Iterator;

/**
 * The typed side of {@link Dataset}: {@code as(encoder)}, and transformations with Java functions over its values
 * ({@code map}, {@code flatMap}, {@code filter}, {@code mapPartitions}, {@code groupByKey}, {@code foreach}). The
 * functions run in the executors' tasks over the rows of each partition, decoded by the Dataset's encoder and the
 * results encoded by the one given; to the optimizer they are opaque steps.
 */
public interface TypedTransformations<T> {
    /**
     * This Dataset's columns as values of {@code encoder}: a bean's or record's properties by name (each column cast
     * up to the property's type if it is narrower, an error if that would lose data), a single value from a Dataset of
     * one column.
     */
    default <U> Dataset<U> as(Encoder<U> encoder) {
        Dataset<T> self = self();
        return new Dataset<>(self.session(), TypedPlans.bind(self.analyzedPlan(), encoder), encoder);
    }

    default <U> Dataset<U> map(MapFunction<T, U> function, Encoder<U> encoder) {
        return mapPartitions(
                values -> dev.ember.rdd.Iterators.map(values, function::call), encoder, "map", self().encoder());
    }

    default <U> Dataset<U> flatMap(FlatMapFunction<T, U> function, Encoder<U> encoder) {
        return mapPartitions(
                values -> dev.ember.rdd.Iterators.flatMap(values, value -> {
                    Iterator<U> produced = function.call(value);
                    return produced == null ? Collections.<U>emptyIterator() : produced;
                }),
                encoder,
                "flatMap",
                self().encoder());
    }

    default Dataset<T> filter(FilterFunction<T> function) {
        Dataset<T> self = self();
        Encoder<T> input = self.encoder();
        LogicalPlan plan = self.analyzedPlan();
        MapRows.RowFunction body =
                rows -> dev.ember.rdd.Iterators.filter(rows, row -> function.call(input.fromRow(row)));
        return new Dataset<>(self.session(), MapRows.passing(plan, body, "filter"), input);
    }

    default <U> Dataset<U> mapPartitions(MapPartitionsFunction<T, U> function, Encoder<U> encoder) {
        return mapPartitions(function, encoder, "mapPartitions", self().encoder());
    }

    private <U> Dataset<U> mapPartitions(
            MapPartitionsFunction<T, U> function, Encoder<U> encoder, String name, Encoder<T> input) {
        Dataset<T> self = self();
        MapRows.RowFunction body = rows -> TypedPlans.encode(function.call(TypedPlans.decode(rows, input)), encoder);
        MapRows node = MapRows.of(self.analyzedPlan(), body, TypedPlans.attributes(encoder.schema()), name);
        return new Dataset<>(self.session(), node, encoder);
    }

    /** Runs {@code function} on every value, in the executors. */
    default void foreach(ForeachFunction<T> function) {
        foreachPartition(values -> {
            while (values.hasNext()) {
                function.call(values.next());
            }
        });
    }

    default void foreachPartition(ForeachPartitionFunction<T> function) {
        mapPartitions(
                        values -> {
                            function.call(values);
                            return Collections.<Boolean>emptyIterator();
                        },
                        Encoders.BOOLEAN())
                .count();
    }

    /** The values grouped by a key computed from each: {@code groupByKey(p -> p.getCity(), Encoders.STRING())}. */
    default <K> KeyValueGroupedDataset<K, T> groupByKey(MapFunction<T, K> key, Encoder<K> keyEncoder) {
        return new KeyValueGroupedDataset<>(self(), key, keyEncoder);
    }

    @SuppressWarnings("unchecked")
    private Dataset<T> self() {
        return (Dataset<T>) this;
    }
}
