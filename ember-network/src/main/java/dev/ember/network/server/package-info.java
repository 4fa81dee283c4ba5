/**
 * The server side of the transport: the listening socket ({@code TransportServer}) and what a process does with
 * requests ({@code RpcHandler}, called on event loops). Knows nothing of RPC endpoints or the engine.
 */
package dev.ember.network.server;
