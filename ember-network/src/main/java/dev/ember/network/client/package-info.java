/**
 * The client side of the transport: one connection per address ({@code TransportClientFactory}), requests and their
 * replies ({@code TransportClient}, {@code TransportResponseHandler}), and streams. Knows nothing of RPC endpoints or
 * the engine. Depends on the transport context, the protocol and ember-common's errors and thread helpers; never on
 * the server, auth, RPC, the wire format or ember-core.
 */
package dev.ember.network.client;
