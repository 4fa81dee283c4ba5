/**
 * Ember's Java client of the Connect protocol: {@link dev.ember.connect.client.EmberConnect} opens a session on a
 * remote server, and {@link dev.ember.connect.client.RemoteRdd} runs RDD jobs written with the engine's serializable
 * function types there, shipping the classes of the functions as the session's jar artifacts and streaming results
 * back. The client process runs no engine: this package depends on the protocol, {@code ember-api} and the engine's
 * Java serializer only, never on {@code ember-core} or the SQL modules.
 */
package dev.ember.connect.client;
