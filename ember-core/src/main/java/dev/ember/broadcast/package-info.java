/**
 * Broadcast variables: a value written once into the driver's block manager, whole (for local reads) and cut into
 * compressed pieces (for executors to fetch), then cached by each executor on first use. Depends on storage only.
 */
package dev.ember.broadcast;
