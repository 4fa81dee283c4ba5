package dev.ember.connect.rdd;

import com.google.protobuf.ByteString;
import dev.ember.EmberContext;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.JobClassScope;
import dev.ember.RDD;
import dev.ember.connect.proto.rdd.RddAction;
import dev.ember.connect.proto.rdd.RddJob;
import dev.ember.connect.proto.rdd.RddValues;
import dev.ember.function.Function2;
import dev.ember.function.VoidFunction;
import dev.ember.sql.EmberSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Runs one RDD job of a client on the operation's thread: its lineage rebuilt ({@link RddBuilder}) and its action
 * run in the client's job class scope, the values handed to the sink in order as slices of partitions finish.
 */
public final class RddExecution {
    /** Where the values go: the operation's response stream, which may make the next slice wait for the client. */
    public interface Sink {
        void send(RddValues values);

        /** Returns once the client has taken enough of what was sent for the next slice's job to start. */
        void awaitRoom();
    }

    /** The classes a job's functions need: the scope that holds them and the loader that reads them here. */
    public record Classes(String scope, List<Path> jars, ClassLoader loader) {}

    private final EmberSession session;
    private final Sink sink;
    private final long chunkBytes;
    private final Map<ByteString, RDD<?>> cached;

    public RddExecution(EmberSession session, Sink sink, long chunkBytes, Map<ByteString, RDD<?>> cached) {
        this.session = session;
        this.sink = sink;
        this.chunkBytes = chunkBytes;
        this.cached = cached;
    }

    /** Runs {@code job} with {@code classes} (the session's; null when the job names no jars). */
    public void run(RddJob job, Classes classes) {
        EmberContext context = session.emberContext();
        ClassLoader loader = classes == null ? Thread.currentThread().getContextClassLoader() : classes.loader();
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(loader);
        if (classes != null) {
            JobClassScope.set(context, classes.scope(), classes.jars());
        }
        try {
            ClientCode code = new ClientCode(loader);
            RDD<Object> rdd =
                    new RddBuilder(session, code, classes == null ? "" : classes.scope(), cached).build(job.getRdd());
            act(rdd, job.getAction(), code);
        } finally {
            if (classes != null) {
                JobClassScope.clear(context);
            }
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void act(RDD<Object> rdd, RddAction action, ClientCode code) {
        String name = action.getName();
        switch (name) {
            case "collect" -> stream(rdd, -1);
            case "take" -> {
                if (action.getCount() < 0) {
                    throw new EmberException(ErrorClass.INVALID_ARGUMENT, "take needs a count of at least 0");
                }
                stream(rdd, action.getCount());
            }
            case "count" -> single(code, rdd.count());
            case "reduce" -> {
                Function2 function = code.read(action.getFunction(), Function2.class, "reduce's function");
                List<Object> partials = gather(rdd.mapPartitions(ValueChunks.reducePartition(function)), code);
                if (partials.isEmpty()) {
                    throw new EmberException(
                            ErrorClass.INVALID_ARGUMENT, "reduce() on an empty RDD: there is nothing to reduce");
                }
                single(code, merge(partials.get(0), partials.subList(1, partials.size()), function));
            }
            case "fold", "aggregate" -> {
                String what = name + "'s zero value";
                Function2 seq = code.read(action.getFunction(), Function2.class, name + "'s function");
                Function2 comb = name.equals("fold")
                        ? seq
                        : code.read(action.getFunction2(), Function2.class, "aggregate's merge function");
                Object zero = code.readValue(action.getValue(), what);
                List<Object> partials = gather(rdd.mapPartitions(ValueChunks.foldPartition(zero, seq)), code);
                // The driver's merge starts from a copy of zero of its own, as each partition did.
                single(code, merge(code.readValue(action.getValue(), what), partials, comb));
            }
            case "foreach" -> rdd.foreach(code.read(action.getFunction(), VoidFunction.class, "foreach's function"));
            case "foreachPartition" ->
                rdd.foreachPartition(
                        code.read(action.getFunction(), VoidFunction.class, "foreachPartition's function"));
            case "saveAsTextFile" -> {
                if (action.getPath().isEmpty()) {
                    throw new EmberException(ErrorClass.INVALID_ARGUMENT, "saveAsTextFile needs a path");
                }
                rdd.saveAsTextFile(action.getPath());
            }
            default ->
                throw new EmberException(
                        ErrorClass.INVALID_ARGUMENT, "Unknown RDD action '" + RddBuilder.clip(name) + "'");
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object merge(Object first, List<Object> rest, Function2 function) {
        Object result = first;
        try {
            for (Object next : rest) {
                result = function.call(result, next);
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new EmberException(ErrorClass.JOB_ABORTED, "The merge of partition results failed: " + e, e);
        }
        return result;
    }

    /**
     * Sends up to {@code limit} values (all for a negative limit) in partition order: jobs over slices of 1, 2, 4...
     * partitions, each slice's chunks sent as it finishes, the next slice waiting for room at the client.
     */
    private void stream(RDD<Object> rdd, long limit) {
        EmberContext context = session.emberContext();
        int partitions = rdd.getNumPartitions();
        long sent = 0;
        int next = 0;
        int slice = 1;
        while (next < partitions && (limit < 0 || sent < limit)) {
            int[] ids =
                    IntStream.range(next, Math.min(partitions, next + slice)).toArray();
            long left = limit < 0 ? -1 : limit - sent;
            List<List<ValueChunks.Chunk>> results = context.runJob(rdd, ValueChunks.collectTask(chunkBytes, left), ids);
            for (List<ValueChunks.Chunk> chunks : results) {
                for (ValueChunks.Chunk chunk : chunks) {
                    int count = limit < 0 ? chunk.count() : (int) Math.min(chunk.count(), limit - sent);
                    if (count <= 0) {
                        break;
                    }
                    // A chunk past the limit is cut on the client, which reads `count` of its values.
                    sink.send(RddValues.newBuilder()
                            .setValues(ByteString.copyFrom(chunk.bytes()))
                            .setCount(count)
                            .build());
                    sent += count;
                }
            }
            next += ids.length;
            slice = Math.min(slice * 2, Math.max(1, context.defaultParallelism()));
            if (next < partitions) {
                sink.awaitRoom();
            }
        }
    }

    /** All values of a (small) RDD of partial results, read on the driver with the session's classes. */
    private List<Object> gather(RDD<Object> partials, ClientCode code) {
        List<List<ValueChunks.Chunk>> results =
                session.emberContext().runJob(partials, ValueChunks.collectTask(chunkBytes, -1));
        List<Object> values = new ArrayList<>();
        for (List<ValueChunks.Chunk> chunks : results) {
            for (ValueChunks.Chunk chunk : chunks) {
                values.addAll((List<Object>) code.readResult(chunk.bytes()));
            }
        }
        return values;
    }

    private void single(ClientCode code, Object value) {
        ArrayList<Object> list = new ArrayList<>();
        list.add(value);
        sink.send(RddValues.newBuilder()
                .setValues(ByteString.copyFrom(code.write(list)))
                .setCount(1)
                .build());
    }
}
