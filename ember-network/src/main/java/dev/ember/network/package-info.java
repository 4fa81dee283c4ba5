/**
 * The transport between Ember processes, on Netty: length-prefixed frames carrying RPC requests and replies,
 * one-way messages and streamed blocks (file regions sent zero-copy), behind an optional challenge-response
 * authentication handshake and optional TLS. {@link dev.ember.network.TransportConf} reads the settings once;
 * {@link dev.ember.network.TransportContext} builds the channel pipelines. The engine's messages and endpoints
 * live one level up, in {@code dev.ember.network.rpc}; this package knows nothing of them, and nothing here
 * depends on the engine. It depends on its subpackages (protocol, auth, client, server), Netty and ember-common's
 * configuration, errors and thread helpers; never on {@code dev.ember.network.rpc}, {@code dev.ember.network.wire} or
 * ember-core.
 */
package dev.ember.network;
