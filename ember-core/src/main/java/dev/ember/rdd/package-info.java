/**
 * The RDD implementations behind the API's transformations: each is a small class giving the five properties
 * (partitions, dependencies, compute, preferred locations, partitioner) of one kind of dataset. Users see them
 * only as {@link dev.ember.RDD}; lineage strings show their names.
 */
package dev.ember.rdd;
