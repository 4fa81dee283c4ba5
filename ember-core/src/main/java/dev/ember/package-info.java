/**
 * The user API: {@link dev.ember.EmberContext}, {@link dev.ember.RDD} and {@link dev.ember.PairRDD}, their
 * dependencies (narrow, and the two kinds of {@link dev.ember.ShuffleDependency}), and the values users pass
 * (partitioners, storage levels, accumulators, broadcasts). The package is split with {@code ember-common}, which
 * holds the configuration and error types. Nothing here exposes an engine type to users; the engine reaches the
 * context's components through {@code dev.ember.internal}.
 */
package dev.ember;
