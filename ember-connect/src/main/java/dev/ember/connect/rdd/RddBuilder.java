package dev.ember.connect.rdd;

import dev.ember.EmberContext;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.Pair;
import dev.ember.PairRDD;
import dev.ember.RDD;
import dev.ember.connect.proto.rdd.RddNode;
import dev.ember.function.FlatMapFunction;
import dev.ember.function.Function;
import dev.ember.function.Function2;
import dev.ember.function.PairFlatMapFunction;
import dev.ember.function.PairFunction;
import dev.ember.function.Reducers;
import dev.ember.function.SerializableComparator;
import dev.ember.sql.EmberSession;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds a client's RDD lineage ({@link RddNode}) with the engine's RDD API: each operation by its API name, its
 * functions read with the session's classes. Element types are the client's business: the engine sees objects, and a
 * pair operation on elements that are not {@link Pair}s fails in its task with the class found.
 *
 * <p>No function the tasks run is written here: each comes from {@link ValueChunks} or from the client, so that
 * executors never load this class (nor, through it, the protocol's classes, which are not on their class path).
 */
@SuppressWarnings({"unchecked", "rawtypes"})
final class RddBuilder {
    /** Deeper lineages are refused: each level is a recursive call here and a chain of RDDs in the engine. */
    static final int MAX_DEPTH = 1000;

    private final EmberSession session;
    private final ClientCode code;
    private final String scope;
    private final Map<com.google.protobuf.ByteString, RDD<?>> cached;

    RddBuilder(
            EmberSession session, ClientCode code, String scope, Map<com.google.protobuf.ByteString, RDD<?>> cached) {
        this.scope = scope;
        this.session = session;
        this.code = code;
        this.cached = cached;
    }

    RDD<Object> build(RddNode node) {
        return build(node, 0);
    }

    private RDD<Object> build(RddNode node, int depth) {
        if (depth > MAX_DEPTH) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT, "An RDD lineage deeper than " + MAX_DEPTH + " operations is refused");
        }
        String op = node.getOp();
        int parts = node.getPartitions();
        if (parts < 0) {
            throw invalid(op, "a negative partition count (" + parts + ")");
        }
        EmberContext context = session.emberContext();
        return switch (op) {
            case "parallelize" -> {
                List<Object> values = code.read(node.getValue(), List.class, "parallelize's values");
                yield parts > 0 ? context.parallelize(values, parts) : context.parallelize(values);
            }
            case "range" -> {
                if (node.getNumbersCount() != 3 || node.getNumbers(2) == 0) {
                    throw invalid(op, "start, end and a non-zero step");
                }
                yield (RDD) context.range(
                        node.getNumbers(0),
                        node.getNumbers(1),
                        node.getNumbers(2),
                        parts > 0 ? parts : context.defaultParallelism());
            }
            case "textFile" ->
                (RDD) context.textFile(argument(node, 0), parts > 0 ? parts : context.defaultMinPartitions());
            case "sql" -> (RDD) session.sql(argument(node, 0)).rdd().map(ValueChunks.rowValues());
            case "cache" -> cached(node, depth);
            case "map" -> input(node, depth).map(function(node, Function.class));
            case "filter" -> input(node, depth).filter(function(node, Function.class));
            case "flatMap" -> input(node, depth).flatMap(function(node, FlatMapFunction.class));
            case "mapPartitions" -> input(node, depth).mapPartitions(function(node, FlatMapFunction.class));
            case "mapPartitionsWithIndex" ->
                input(node, depth).mapPartitionsWithIndex(function(node, Function2.class), false);
            case "mapToPair" -> pairs(input(node, depth).mapToPair(function(node, PairFunction.class)));
            case "flatMapToPair" -> pairs(input(node, depth).flatMapToPair(function(node, PairFlatMapFunction.class)));
            case "keyBy" -> pairs(input(node, depth).keyBy(function(node, Function.class)));
            case "groupBy" -> {
                Function key = function(node, Function.class);
                RDD<Object> input = input(node, depth);
                yield pairs((parts > 0 ? input.groupBy(key, parts) : input.groupBy(key))
                        .mapValues(ValueChunks.groupList()));
            }
            case "distinct" ->
                parts > 0
                        ? input(node, depth).distinct(parts)
                        : input(node, depth).distinct();
            case "union" -> input(node, depth).union(second(node, depth));
            case "intersection" -> input(node, depth).intersection(second(node, depth));
            case "subtract" -> input(node, depth).subtract(second(node, depth));
            case "cartesian" -> pairs(input(node, depth).cartesian(second(node, depth)));
            case "zipWithIndex" -> pairs(input(node, depth).zipWithIndex());
            case "glom" -> (RDD) input(node, depth).glom();
            case "sample" -> {
                if (node.getNumbersCount() != 2) {
                    throw invalid(op, "a fraction and a seed");
                }
                double fraction = Double.longBitsToDouble(node.getNumbers(0));
                yield input(node, depth).sample(node.getFlag(), fraction, node.getNumbers(1));
            }
            case "repartition" -> input(node, depth).repartition(positive(op, parts));
            case "coalesce" -> input(node, depth).coalesce(positive(op, parts), node.getFlag());
            case "sortBy" -> {
                RDD<Object> input = input(node, depth);
                Function key = function(node, Function.class);
                yield input.sortBy(
                        key,
                        SerializableComparator.naturalOrder(),
                        node.getFlag(),
                        parts > 0 ? parts : input.getNumPartitions());
            }
            case "mapValues" -> pairs(pairInput(node, depth).mapValues(function(node, Function.class)));
            case "flatMapValues" -> pairs(pairInput(node, depth).flatMapValues(function(node, FlatMapFunction.class)));
            case "keys" -> pairInput(node, depth).keys();
            case "values" -> pairInput(node, depth).values();
            case "reduceByKey" ->
                pairs(
                        parts > 0
                                ? pairInput(node, depth).reduceByKey(function(node, Function2.class), parts)
                                : pairInput(node, depth).reduceByKey(function(node, Function2.class)));
            case "foldByKey" -> {
                Object zero = code.readValue(node.getValue(), "foldByKey's zero value");
                yield pairs(
                        parts > 0
                                ? pairInput(node, depth).foldByKey(zero, parts, function(node, Function2.class))
                                : pairInput(node, depth).foldByKey(zero, function(node, Function2.class)));
            }
            case "aggregateByKey" -> {
                Object zero = code.readValue(node.getValue(), "aggregateByKey's zero value");
                Function2 seq = function(node, Function2.class);
                Function2 comb = code.read(node.getFunction2(), Function2.class, "aggregateByKey's merge function");
                PairRDD input = pairInput(node, depth);
                yield pairs(
                        parts > 0
                                ? input.aggregateByKey(zero, parts, seq, comb)
                                : input.aggregateByKey(zero, seq, comb));
            }
            case "groupByKey" -> {
                PairRDD input = pairInput(node, depth);
                yield pairs(
                        (parts > 0 ? input.groupByKey(parts) : input.groupByKey()).mapValues(ValueChunks.groupList()));
            }
            case "sortByKey" -> {
                PairRDD input = pairInput(node, depth);
                yield pairs(input.sortByKey(node.getFlag(), parts > 0 ? parts : input.getNumPartitions()));
            }
            case "join", "leftOuterJoin", "rightOuterJoin", "fullOuterJoin", "subtractByKey", "cogroup" ->
                join(op, pairInput(node, depth), PairRDD.of((RDD) second(node, depth)), parts);
            case "countByValuePairs" ->
                pairs(input(node, depth).mapToPair(ValueChunks.countOne()).reduceByKey(Reducers.longSum()));
            case "countByKeyPairs" ->
                pairs(pairInput(node, depth).mapValues(ValueChunks.countOnce()).reduceByKey(Reducers.longSum()));
            default ->
                throw new EmberException(ErrorClass.INVALID_ARGUMENT, "Unknown RDD operation '" + clip(op) + "'");
        };
    }

    private RDD<Object> join(String op, PairRDD left, PairRDD right, int parts) {
        int n = parts > 0 ? parts : Math.max(left.getNumPartitions(), right.getNumPartitions());
        return pairs(
                switch (op) {
                    case "join" -> left.join(right, n);
                    case "leftOuterJoin" -> left.leftOuterJoin(right, n);
                    case "rightOuterJoin" -> left.rightOuterJoin(right, n);
                    case "fullOuterJoin" -> left.fullOuterJoin(right, n);
                    case "subtractByKey" -> left.subtractByKey(right, n);
                    default -> left.cogroup(right, n).mapValues(ValueChunks.groupLists());
                });
    }

    /**
     * The RDD of {@code cache}'s input, built and cached once per session for equal lineages run with the same
     * classes: other classes (changed client code, another jar set) read the lineage with another loader, and must
     * not meet objects of the first one's.
     */
    private RDD<Object> cached(RddNode node, int depth) {
        com.google.protobuf.ByteString key =
                com.google.protobuf.ByteString.copyFromUtf8(scope + "\n").concat(node.toByteString());
        RDD<Object> known = (RDD<Object>) cached.get(key);
        if (known != null) {
            return known;
        }
        RDD<Object> built = input(node, depth).cache();
        RDD<?> raced = cached.putIfAbsent(key, built);
        if (raced != null) {
            built.unpersist(false);
            return (RDD<Object>) raced;
        }
        return built;
    }

    /** The pair RDD's elements, the {@link Pair}s, as an RDD of objects. */
    private static RDD<Object> pairs(PairRDD<?, ?> pairs) {
        return (RDD) pairs;
    }

    private RDD<Object> input(RddNode node, int depth) {
        if (node.getInputsCount() < 1) {
            throw invalid(node.getOp(), "an input RDD");
        }
        return build(node.getInputs(0), depth + 1);
    }

    private RDD<Object> second(RddNode node, int depth) {
        if (node.getInputsCount() != 2) {
            throw invalid(node.getOp(), "two input RDDs");
        }
        return build(node.getInputs(1), depth + 1);
    }

    private PairRDD<Object, Object> pairInput(RddNode node, int depth) {
        return PairRDD.of((RDD) input(node, depth));
    }

    private <F> F function(RddNode node, Class<F> type) {
        return code.read(node.getFunction(), type, node.getOp() + "'s function");
    }

    private static String argument(RddNode node, int index) {
        if (node.getArgumentsCount() <= index) {
            throw invalid(node.getOp(), "argument " + (index + 1));
        }
        return node.getArguments(index);
    }

    private static int positive(String op, int parts) {
        if (parts < 1) {
            throw invalid(op, "a partition count of at least 1");
        }
        return parts;
    }

    private static EmberException invalid(String op, String what) {
        return new EmberException(ErrorClass.INVALID_ARGUMENT, "RDD operation " + clip(op) + " needs " + what);
    }

    static String clip(String text) {
        return text.length() > 64 ? text.substring(0, 61) + "..." : text;
    }
}
