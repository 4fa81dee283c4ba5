/**
 * Byte-level I/O shared by shuffle, storage and broadcast: compression codecs, chunked byte buffers (which hold
 * serialized blocks larger than one array may), and small stream adapters. Knows nothing about blocks or records.
 */
package dev.ember.io;
