/**
 * Byte-level I/O shared by shuffle, storage and broadcast: compression codecs, chunked byte buffers (which hold
 * serialized blocks larger than one array may), and small stream adapters. Knows nothing about blocks or records.
 * Besides LZ4 it depends only on {@code EmberConf}, {@code CommonConfig} and the error types; never on serializers or
 * anything in ember-core.
 */
package dev.ember.io;
