/**
 * The Jupyter kernel: the five ZeroMQ sockets and their routing ({@code Kernel}), message signing
 * ({@code WireCodec}), the request handlers, comms, and the JShell interpreter running in its own JVM with
 * {@code ctx} bound. Depends on the core's user API; nothing of the engine depends on it. Besides the API it uses
 * only ember-common's configuration entries, errors and helpers; it never imports the engine's internal packages
 * (scheduler, executor, storage, shuffle, {@code rdd}), ember-network, ember-deploy or the launcher.
 */
package dev.ember.kernel;
