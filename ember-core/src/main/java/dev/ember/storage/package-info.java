/**
 * Blocks: named pieces of data an executor holds (cached RDD partitions, shuffle files, broadcast pieces, task
 * results, spills). The {@link dev.ember.storage.BlockManager} of each executor (and of the driver) keeps them in
 * a {@link dev.ember.storage.MemoryStore} (objects or bytes, on or off heap) and a
 * {@link dev.ember.storage.DiskStore}; the {@link dev.ember.storage.BlockManagerMaster} on the driver knows which
 * executor holds what.
 *
 * <p>Depends on memory accounting and serializers; never on the scheduler or on RDDs.
 */
package dev.ember.storage;
