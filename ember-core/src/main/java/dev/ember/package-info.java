/**
 * The user API: {@link dev.ember.EmberContext}, {@link dev.ember.RDD} and {@link dev.ember.PairRDD}, their
 * dependencies (narrow, and the two kinds of {@link dev.ember.ShuffleDependency}), and the values users pass
 * (partitioners, storage levels, accumulators, broadcasts) or read in tasks ({@link dev.ember.EmberFiles},
 * {@link dev.ember.PortableDataStream}). The package is split with {@code ember-common}, which holds the
 * configuration and error types. Nothing here exposes an engine type to users; the engine reaches the context's
 * components through {@code dev.ember.internal}.
 *
 * <p>The top of the core's layers: {@code EmberContext} puts the scheduler, the executor's environment, shuffle,
 * storage, events and status together, and the transformations build the RDDs of {@code dev.ember.rdd}. It never
 * depends on ember-network or ember-deploy directly (cluster mode goes through {@code scheduler.cluster}, which finds
 * cluster managers with {@code ServiceLoader}); shuffle, storage, memory, collection and broadcast use only its value
 * types (configuration, errors, pairs, partitioners, aggregators, storage levels, broadcasts, the task context), never
 * {@code RDD} or {@code EmberContext}.
 */
package dev.ember;
