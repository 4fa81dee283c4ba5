package dev.ember.sql;

import static java.util.Objects.requireNonNull;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.Pair;
import dev.ember.function.FlatMapGroupsFunction;
import dev.ember.function.MapFunction;
import dev.ember.function.MapGroupsFunction;
import dev.ember.function.ReduceFunction;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.plans.logical.GroupedMapRows;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.MapRows;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * A typed Dataset's values grouped by a key computed from each ({@code ds.groupByKey(f, encoder)}). The key is computed
 * in the tasks and added to each row as columns; an exchange by those columns and a sort bring each key's rows
 * together, and the function sees one group at a time, its values streaming (a group need not fit in memory, unless
 * the function keeps its values).
 */
public final class KeyValueGroupedDataset<K, V> {
    private final Dataset<V> values;
    private final MapFunction<V, K> key;
    private final Encoder<K> keyEncoder;

    KeyValueGroupedDataset(Dataset<V> values, MapFunction<V, K> key, Encoder<K> keyEncoder) {
        this.values = requireNonNull(values, "values is null");
        this.key = requireNonNull(key, "key is null");
        this.keyEncoder = requireNonNull(keyEncoder, "keyEncoder is null");
    }

    /** One value per group. */
    public <U> Dataset<U> mapGroups(MapGroupsFunction<K, V, U> function, Encoder<U> encoder) {
        return flatMapGroups(
                (k, group) -> Collections.singletonList(function.call(k, group)).iterator(), encoder);
    }

    /** Any number of values per group. */
    public <U> Dataset<U> flatMapGroups(FlatMapGroupsFunction<K, V, U> function, Encoder<U> encoder) {
        Encoder<V> valueEncoder = values.encoder();
        Encoder<K> keys = keyEncoder;
        LogicalPlan plan = values.analyzedPlan();
        List<Attribute> keyColumns = TypedPlans.attributes(keys.schema());
        List<Attribute> keyed = new ArrayList<>(keyColumns);
        keyed.addAll(TypedPlans.attributes(valueEncoder.schema()));
        MapFunction<V, K> keyOf = key;
        MapRows.RowFunction addKey = rows -> new KeyedRows<>(rows, valueEncoder, keyOf, keys);
        MapRows withKeys = MapRows.of(plan, addKey, keyed, "groupByKey");
        GroupedMapRows.GroupFunction body = (keyRow, group) ->
                TypedPlans.encode(function.call(keys.fromRow(keyRow), TypedPlans.decode(group, valueEncoder)), encoder);
        GroupedMapRows grouped = new GroupedMapRows(
                keyColumns, withKeys, body, TypedPlans.attributes(encoder.schema()), "flatMapGroups");
        return new Dataset<>(values.session(), grouped, encoder);
    }

    /** Each group's values combined two by two, with its key: {@code (key, reduced)}. */
    public Dataset<Pair<K, V>> reduceGroups(ReduceFunction<V> function) {
        return mapGroups(
                (k, group) -> {
                    V result = group.next();
                    while (group.hasNext()) {
                        result = function.call(result, group.next());
                    }
                    return Pair.of(k, result);
                },
                Encoders.tuple(keyEncoder, values.encoder()));
    }

    /** Each key with the number of its values. */
    public Dataset<Pair<K, Long>> count() {
        return mapGroups(
                (k, group) -> {
                    long n = 0;
                    while (group.hasNext()) {
                        group.next();
                        n++;
                    }
                    return Pair.of(k, n);
                },
                Encoders.tuple(keyEncoder, Encoders.LONG()));
    }

    /** The distinct keys. */
    public Dataset<K> keys() {
        return mapGroups((k, group) -> k, keyEncoder);
    }

    /** A partition's rows with the key's columns in front. */
    private static final class KeyedRows<K, V> implements Iterator<Object[]> {
        private final Iterator<Object[]> rows;
        private final Encoder<V> values;
        private final MapFunction<V, K> key;
        private final Encoder<K> keys;

        KeyedRows(Iterator<Object[]> rows, Encoder<V> values, MapFunction<V, K> key, Encoder<K> keys) {
            this.rows = rows;
            this.values = values;
            this.key = key;
            this.keys = keys;
        }

        @Override
        public boolean hasNext() {
            return rows.hasNext();
        }

        @Override
        public Object[] next() {
            Object[] row = rows.next();
            K k;
            try {
                k = key.call(values.fromRow(row));
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new EmberException(ErrorClass.INVALID_ARGUMENT, "groupByKey's key function failed: " + e, e);
            }
            if (k == null && keys.isStruct()) {
                throw new EmberException(
                        ErrorClass.INVALID_ARGUMENT, "groupByKey's key function returned null for " + keys);
            }
            Object[] keyRow = keys.toRow(k);
            Object[] keyed = new Object[keyRow.length + row.length];
            System.arraycopy(keyRow, 0, keyed, 0, keyRow.length);
            System.arraycopy(row, 0, keyed, keyRow.length, row.length);
            return keyed;
        }
    }
}
