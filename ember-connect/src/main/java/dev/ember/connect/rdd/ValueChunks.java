package dev.ember.connect.rdd;

import dev.ember.Pair;
import dev.ember.function.FlatMapFunction;
import dev.ember.function.Function;
import dev.ember.function.Function2;
import dev.ember.function.PairFunction;
import dev.ember.function.TaskFunction;
import dev.ember.serializer.JavaSerializer;
import dev.ember.serializer.SerializerInstance;
import dev.ember.sql.Row;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The code RDD jobs of clients run in tasks, which executors load: nothing here may use gRPC, Protocol Buffers or
 * Arrow (the Connect server's libraries, which executors do not have). Values are turned into chunks of Java
 * serialization where they are computed, in the tasks: each chunk is one serialized {@code ArrayList} of about the
 * chunk budget (a single larger value is a chunk of its own), so that the driver passes bytes to the client without
 * ever loading the client's classes.
 */
final class ValueChunks {
    /** The values a chunk starts with; later chunks are sized from the bytes per value seen so far. */
    private static final int FIRST_CHUNK_VALUES = 256;

    /** One chunk: {@code count} values, serialized as one list. */
    record Chunk(byte[] bytes, int count) implements Serializable {}

    private ValueChunks() {}

    /** The task writing up to {@code limit} of a partition's values (all for a negative limit) into chunks. */
    static TaskFunction<Object, List<Chunk>> collectTask(long chunkBytes, long limit) {
        return (context, values) -> write(values, chunkBytes, limit);
    }

    /** A partition reduced with {@code function}: no value for an empty partition, else one. */
    static FlatMapFunction<Iterator<Object>, Object> reducePartition(Function2<Object, Object, Object> function) {
        return values -> {
            if (!values.hasNext()) {
                return Collections.emptyIterator();
            }
            Object result = values.next();
            while (values.hasNext()) {
                result = function.call(result, values.next());
            }
            return Collections.singletonList(result).iterator();
        };
    }

    /** A partition folded with {@code function} from its own copy of {@code zero} (each task reads its own). */
    static FlatMapFunction<Iterator<Object>, Object> foldPartition(
            Object zero, Function2<Object, Object, Object> function) {
        return values -> {
            Object result = zero;
            while (values.hasNext()) {
                result = function.call(result, values.next());
            }
            return Collections.singletonList(result).iterator();
        };
    }

    /** Up to {@code limit} of {@code values} (all for a negative limit) in chunks of about {@code chunkBytes}. */
    static List<Chunk> write(Iterator<?> values, long chunkBytes, long limit) {
        SerializerInstance serializer = new JavaSerializer().newInstance();
        List<Chunk> chunks = new ArrayList<>();
        long taken = 0;
        int target = FIRST_CHUNK_VALUES;
        while (values.hasNext() && (limit < 0 || taken < limit)) {
            ArrayList<Object> batch = new ArrayList<>();
            while (values.hasNext() && batch.size() < target && (limit < 0 || taken + batch.size() < limit)) {
                batch.add(values.next());
            }
            taken += batch.size();
            writeBatch(serializer, batch, chunkBytes, chunks);
            long bytesPerValue = Math.max(
                    1,
                    chunks.get(chunks.size() - 1).bytes().length
                            / Math.max(1, chunks.get(chunks.size() - 1).count()));
            target = (int) Math.max(1, Math.min(1 << 20, chunkBytes / 2 / bytesPerValue));
        }
        return chunks;
    }

    /** {@code batch} as one chunk, or halves of it while a chunk is over the budget and can still be split. */
    private static void writeBatch(
            SerializerInstance serializer, List<Object> batch, long chunkBytes, List<Chunk> out) {
        byte[] bytes = serializer.serialize(new ArrayList<>(batch));
        if (bytes.length <= chunkBytes || batch.size() == 1) {
            out.add(new Chunk(bytes, batch.size()));
            return;
        }
        int half = batch.size() / 2;
        writeBatch(serializer, batch.subList(0, half), chunkBytes, out);
        writeBatch(serializer, batch.subList(half, batch.size()), chunkBytes, out);
    }

    /** {@link #values} as a task's function. */
    static Function<Row, List<Object>> rowValues() {
        return ValueChunks::values;
    }

    /** {@link #list} as a task's function. */
    static Function<Object, List<Object>> groupList() {
        return ValueChunks::list;
    }

    /** {@link #lists} as a task's function. */
    static Function<Object, Pair<List<Object>, List<Object>>> groupLists() {
        return ValueChunks::lists;
    }

    /** {@link #one(Object)} as a task's function. */
    static PairFunction<Object, Object, Long> countOne() {
        return ValueChunks::one;
    }

    /** {@link #once} as a task's function. */
    static Function<Object, Long> countOnce() {
        return ValueChunks::once;
    }

    /** A group's values (an engine buffer) as a list the client can read. */
    static List<Object> list(Object values) {
        List<Object> list = new ArrayList<>();
        ((Iterable<?>) values).forEach(list::add);
        return list;
    }

    /** cogroup's two groups as lists. */
    static Pair<List<Object>, List<Object>> lists(Object groups) {
        Pair<?, ?> pair = (Pair<?, ?>) groups;
        return new Pair<>(list(pair.key()), list(pair.value()));
    }

    /** The pair (value, 1) of countByValue. */
    static Pair<Object, Long> one(Object value) {
        return new Pair<>(value, 1L);
    }

    /** The count 1 of countByKey. */
    static Long once(Object value) {
        return 1L;
    }

    /** A SQL row's values as plain Java values: nested rows as lists, so that the client needs no SQL classes. */
    static List<Object> values(Row row) {
        List<Object> values = new ArrayList<>(row.size());
        for (int i = 0; i < row.size(); i++) {
            values.add(plain(row.get(i)));
        }
        return values;
    }

    private static Object plain(Object value) {
        if (value instanceof Row nested) {
            return values(nested);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(element -> copy.add(plain(element)));
            return copy;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new java.util.LinkedHashMap<>();
            map.forEach((key, element) -> copy.put(plain(key), plain(element)));
            return copy;
        }
        return value;
    }
}
