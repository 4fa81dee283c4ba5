/**
 * The server side of the transport: the listening socket ({@code TransportServer}) and what a process does with
 * requests ({@code RpcHandler}, called on event loops). Knows nothing of RPC endpoints or the engine. Depends on the
 * transport context, the client (the reply channel a handler is given), the protocol's buffers and ember-common's
 * errors and thread helpers; never on auth, RPC, the wire format or ember-core.
 */
package dev.ember.network.server;
