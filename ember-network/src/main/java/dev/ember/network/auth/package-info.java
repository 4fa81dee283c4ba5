/**
 * The challenge-response handshake that runs before anything else on a connection when {@code ember.authenticate}
 * is on: nonces and HMAC-SHA256 proofs, with the frame decoder held to handshake messages until it succeeds. Depends
 * on the protocol package and ember-common's error types only, never on the client, the server,
 * the transport context, RPC or ember-core.
 */
package dev.ember.network.auth;
