/**
 * The transport's frames: the message types ({@code Message}), their encoder, the decoder that checks every frame
 * (length limits, types, fields, deadlines) before passing it on, and the buffers streams are served from. Depends on
 * Netty and nothing of Ember's above it. It imports no other package of Ember, not even ember-common, and never the
 * transport, client, server, auth or RPC packages, which all use it.
 */
package dev.ember.network.protocol;
