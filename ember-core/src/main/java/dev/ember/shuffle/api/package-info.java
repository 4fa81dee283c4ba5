/**
 * The block layer of the shuffle, as an extension point: a map task writes its output as one byte stream per
 * reduce partition through a {@link dev.ember.shuffle.api.ShuffleMapOutputWriter}; how and where those bytes are
 * stored is the implementation's business. Record-at-a-time RDD shuffles (serializer plus sorter) are one user of
 * this layer; column-batch exchanges are another. Nothing here imports the engine.
 */
package dev.ember.shuffle.api;
