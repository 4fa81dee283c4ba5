package dev.ember;

import static java.util.Objects.requireNonNull;

import dev.ember.function.Function;
import dev.ember.function.Function2;
import dev.ember.function.Reducers;
import dev.ember.function.ReductionKind;
import dev.ember.util.Exceptions;
import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;

/**
 * The three functions that aggregate values by key: start a combiner from the first value, add a value to a
 * combiner, and merge two combiners (from different map tasks or spill files); and the {@link Kind} of aggregation
 * they are, which lets the engine take a faster path than calling them record by record.
 *
 * <p>The kind is set when the aggregator is made and travels with it (the aggregator is serialized into the tasks
 * that use it), so executors read it instead of recognizing functions:
 *
 * <ul>
 *   <li>{@link #Aggregator(Function, Function2, Function2) the constructor} makes a {@link Kind.General} one: the
 *       functions are called as they are (a {@code mergeValue} that names a reduction, see {@link Reducers}, still
 *       merges in place);
 *   <li>{@link #reducing} makes a {@link Kind.Reduction} when its function names one: the combiner starts as the
 *       value, and values are merged as that reduction (primitives in place, no box per merge);
 *   <li>{@link #grouping} makes a {@link Kind.Grouping}: the combiner is a list of the key's values in arrival order,
 *       which the reduce side may build without calling the functions;
 *   <li>{@link #of} picks the kind three functions amount to.
 * </ul>
 *
 * @param <K> key type
 * @param <V> value type
 * @param <C> combiner type
 */
public final class Aggregator<K, V, C> implements Serializable {
    private static final long serialVersionUID = 2L;

    private final Function<V, C> createCombiner;
    private final Function2<C, V, C> mergeValue;
    private final Function2<C, C, C> mergeCombiners;
    private final Kind kind;
    /**
     * The reductions the merge functions name ({@link Reducers#reductionOf}), or null: told once, where the aggregator
     * is made (the driver), and carried with it, so that tasks need not recognize the functions again.
     */
    private final ReductionKind mergeValueReduction;

    private final ReductionKind mergeCombinersReduction;

    /** What an aggregator computes, as far as the engine may rely on it. */
    public sealed interface Kind extends Serializable {
        Kind GENERAL = new General();
        Kind GROUPING = new Grouping();

        /** Any functions: the engine calls them. */
        record General() implements Kind {}

        /**
         * The values of each key in the order they arrive, in one list (a {@code collection.CompactBuffer}); the
         * reduce side may append them to a buffer and group them when read instead of calling the functions.
         */
        record Grouping() implements Kind {}

        /**
         * The combiner starts as the value ({@link Function#identity()}), and both merge functions compute
         * {@code reduction}: the engine may keep combiners as primitives and calls the functions only for values the
         * reduction cannot take.
         */
        record Reduction(ReductionKind reduction) implements Kind {
            public Reduction {
                requireNonNull(reduction, "reduction is null");
            }
        }
    }

    /** A general aggregator: the engine calls the three functions. */
    public Aggregator(Function<V, C> createCombiner, Function2<C, V, C> mergeValue, Function2<C, C, C> mergeCombiners) {
        this(createCombiner, mergeValue, mergeCombiners, Kind.GENERAL);
    }

    private Aggregator(
            Function<V, C> createCombiner,
            Function2<C, V, C> mergeValue,
            Function2<C, C, C> mergeCombiners,
            Kind kind) {
        this.createCombiner = requireNonNull(createCombiner, "createCombiner is null");
        this.mergeValue = requireNonNull(mergeValue, "mergeValue is null");
        this.mergeCombiners = requireNonNull(mergeCombiners, "mergeCombiners is null");
        this.kind = requireNonNull(kind, "kind is null");
        if (kind instanceof Kind.Reduction named) {
            this.mergeValueReduction = named.reduction();
            this.mergeCombinersReduction = named.reduction();
        } else if (kind instanceof Kind.General) {
            this.mergeValueReduction = Reducers.reductionOf(mergeValue).orElse(null);
            this.mergeCombinersReduction = Reducers.reductionOf(mergeCombiners).orElse(null);
        } else {
            this.mergeValueReduction = null;
            this.mergeCombinersReduction = null;
        }
    }

    /**
     * The aggregation of {@code reduceByKey}: the combiner is the first value, and {@code function} merges values and
     * combiners alike. Of {@link Kind.Reduction} when the function names a reduction ({@link Reducers#reductionOf}),
     * otherwise general.
     */
    public static <K, V> Aggregator<K, V, V> reducing(Function2<V, V, V> function) {
        requireNonNull(function, "function is null");
        Kind kind =
                Reducers.reductionOf(function).<Kind>map(Kind.Reduction::new).orElse(Kind.GENERAL);
        return new Aggregator<>(Function.identity(), function, function, kind);
    }

    /**
     * A grouping ({@link Kind.Grouping}): {@code start} makes a list of one value, {@code append} adds a value to it,
     * {@code concat} appends the second list to the first. The engine's own is {@code CompactBuffer.grouping()}.
     */
    public static <K, V, C> Aggregator<K, V, C> grouping(
            Function<V, C> start, Function2<C, V, C> append, Function2<C, C, C> concat) {
        return new Aggregator<>(start, append, concat, Kind.GROUPING);
    }

    /**
     * The aggregator of three functions, of the kind they amount to: a {@link Kind.Reduction} when the combiner
     * starts as the value ({@code createCombiner} is {@link Function#identity()}) and both merge functions name the
     * same reduction ({@link Reducers#reductionOf}); otherwise general. What {@code combineByKey} makes.
     */
    public static <K, V, C> Aggregator<K, V, C> of(
            Function<V, C> createCombiner, Function2<C, V, C> mergeValue, Function2<C, C, C> mergeCombiners) {
        if (createCombiner == Function.identity()) {
            Optional<ReductionKind> reduction = Reducers.reductionOf(mergeValue);
            if (reduction.isPresent() && reduction.equals(Reducers.reductionOf(mergeCombiners))) {
                return new Aggregator<>(
                        createCombiner, mergeValue, mergeCombiners, new Kind.Reduction(reduction.get()));
            }
        }
        return new Aggregator<>(createCombiner, mergeValue, mergeCombiners);
    }

    /**
     * The aggregator of the reduce side of a map-side-combined shuffle, whose records are combiners made by this
     * one: each key's first combiner is kept as it is, the others merged into it with {@code mergeCombiners}. A
     * reduction is its own; otherwise it is a reduction when {@code mergeCombiners} names one, as {@link #of} would
     * say.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Aggregator<K, C, C> forCombiners() {
        if (kind instanceof Kind.Reduction) {
            // Values and combiners are of one type: createCombiner is the identity.
            return (Aggregator) this;
        }
        Kind combining = mergeCombinersReduction == null ? Kind.GENERAL : new Kind.Reduction(mergeCombinersReduction);
        return new Aggregator<>(Function.identity(), mergeCombiners, mergeCombiners, combining);
    }

    public Function<V, C> createCombiner() {
        return createCombiner;
    }

    public Function2<C, V, C> mergeValue() {
        return mergeValue;
    }

    public Function2<C, C, C> mergeCombiners() {
        return mergeCombiners;
    }

    public Kind kind() {
        return kind;
    }

    /**
     * The reduction {@code mergeValue} computes, if it names one: a {@link Kind.Reduction}'s, or for a general
     * aggregator the one its {@code mergeValue} names; none for a grouping.
     */
    public Optional<ReductionKind> mergeValueReduction() {
        return Optional.ofNullable(mergeValueReduction);
    }

    /** The reduction of a {@link Kind.Reduction}. */
    public Optional<ReductionKind> reduction() {
        return kind instanceof Kind.Reduction named ? Optional.of(named.reduction()) : Optional.empty();
    }

    public C create(V value) {
        try {
            return createCombiner.call(value);
        } catch (Exception e) {
            throw Exceptions.sneakyThrow(e);
        }
    }

    public C mergeValue(C combiner, V value) {
        try {
            return mergeValue.call(combiner, value);
        } catch (Exception e) {
            throw Exceptions.sneakyThrow(e);
        }
    }

    public C mergeCombiners(C first, C second) {
        try {
            return mergeCombiners.call(first, second);
        } catch (Exception e) {
            throw Exceptions.sneakyThrow(e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Aggregator<?, ?, ?> that
                && createCombiner.equals(that.createCombiner)
                && mergeValue.equals(that.mergeValue)
                && mergeCombiners.equals(that.mergeCombiners)
                && kind.equals(that.kind);
    }

    @Override
    public int hashCode() {
        return Objects.hash(createCombiner, mergeValue, mergeCombiners, kind);
    }

    @Override
    public String toString() {
        return "Aggregator[" + kind + ": createCombiner=" + createCombiner + ", mergeValue=" + mergeValue
                + ", mergeCombiners=" + mergeCombiners + "]";
    }
}
