package dev.ember.shuffle.api;

import java.io.InputStream;

/**
 * The bytes one map task wrote for one reduce partition, as a reduce task reads them: decompressed, and checked
 * against the length the map task recorded. A block that cannot be fetched, or whose bytes are corrupt or cut
 * short, fails the read with the engine's fetch failure (an unchecked exception), so that the scheduler recomputes
 * the map output and runs the reduce task again; a reader must let it through.
 *
 * @param mapIndex the map partition that wrote the block
 * @param reducePartition the reduce partition it belongs to
 * @param stream its bytes; valid until the reader asks for the next block
 */
public record ShuffleBlock(int mapIndex, int reducePartition, InputStream stream) {}
