/**
 * The Jupyter kernel: the five ZeroMQ sockets and their routing ({@code Kernel}), message signing
 * ({@code WireCodec}), the request handlers, comms, and the JShell interpreter running in its own JVM with
 * {@code ctx} bound. Depends on the core's user API only; nothing of the engine depends on it.
 */
package dev.ember.kernel;
