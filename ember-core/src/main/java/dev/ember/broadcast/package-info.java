/**
 * Broadcast variables: a value written once into the driver's block manager, whole (for local reads) and cut into
 * compressed pieces (for executors to fetch), then cached by each executor on first use. Depends on storage and,
 * besides it, only on shared types and helpers: the API's {@code Broadcast} and {@code StorageLevel}, the
 * configuration, byte buffers, serializers and call sites. It never depends on the RDDs, the scheduler, the executor
 * or {@code EmberContext}.
 */
package dev.ember.broadcast;
