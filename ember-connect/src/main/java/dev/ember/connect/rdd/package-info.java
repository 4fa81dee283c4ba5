/**
 * RDD jobs of Connect clients (Ember's extension of the protocol, {@code ember.connect.RddJob}): the lineage a client
 * built from its own serializable functions, rebuilt with the engine's RDD API in the client's job class scope, run
 * by its action, and its values streamed back in Java serialization. The functions run in the engine's executors;
 * this package only reads them with the session's classes and never runs them on a request thread.
 *
 * <p>Depends on the engine's RDD API, its Java serializer and the protocol's messages; nothing in the engine may
 * depend on it, and the code that tasks run here ({@link dev.ember.connect.rdd.ValueChunks}) uses nothing of gRPC.
 */
package dev.ember.connect.rdd;
