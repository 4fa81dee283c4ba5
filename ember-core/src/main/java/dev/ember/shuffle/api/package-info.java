/**
 * The block layer of the shuffle, as an extension point. Its users: a {@link dev.ember.shuffle.api.BlockShuffleWriter}
 * writes a map task's bytes to reduce partitions through {@link dev.ember.shuffle.api.ShufflePartitions}, and a
 * {@link dev.ember.shuffle.api.BlockShuffleReader} reads a reduce partition's blocks back as
 * {@link dev.ember.shuffle.api.ShuffleBlock} streams (column-batch exchanges, for example). Its implementers: a map
 * task's output is written as one byte stream per reduce partition through a
 * {@link dev.ember.shuffle.api.ShuffleMapOutputWriter}; how and where those bytes are stored is the implementation's
 * business. Record-at-a-time RDD shuffles (serializer plus sorter) are one user of this layer. Nothing here imports
 * the engine. It depends only on the JDK, never on the rest of the shuffle, storage, the RDDs, the scheduler or the
 * user API; the engine implements and calls it, not the other way round.
 */
package dev.ember.shuffle.api;
