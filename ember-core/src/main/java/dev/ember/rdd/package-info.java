/**
 * The RDD implementations behind the API's transformations: each is a small class giving the five properties
 * (partitions, dependencies, compute, preferred locations, partitioner) of one kind of dataset. Users see them
 * only as {@link dev.ember.RDD}; lineage strings show their names.
 *
 * <p>Depends on the user API and its functions, collection (grouping, joins, sorting), files, the executor's task
 * context and environment (reached on the driver through {@code dev.ember.internal}), and the shuffle's reading side;
 * never on the scheduler (jobs go through {@code EmberContext}), storage, memory or ember-network.
 */
package dev.ember.rdd;
