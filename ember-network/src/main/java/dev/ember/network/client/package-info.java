/**
 * The client side of the transport: one connection per address ({@code TransportClientFactory}), requests and their
 * replies ({@code TransportClient}, {@code TransportResponseHandler}), and streams. Knows nothing of RPC endpoints or
 * the engine.
 */
package dev.ember.network.client;
