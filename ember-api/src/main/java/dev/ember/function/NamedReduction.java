package dev.ember.function;

/**
 * A merge function that says which {@link ReductionKind} it computes, so that the engine merges with it in place
 * without recognizing it. The functions of {@link Reducers} are the only ones: the engine trusts the name and uses
 * its own arithmetic where it can, so a name that did not match {@link #call} would change results.
 *
 * @param <T> the boxed values merged
 */
public sealed interface NamedReduction<T> extends Function2<T, T, T> permits Reducers.Reducer {
    /** The reduction {@link #call} computes. */
    ReductionKind reduction();
}
