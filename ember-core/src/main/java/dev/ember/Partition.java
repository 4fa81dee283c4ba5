package dev.ember;

import java.io.Serializable;

/**
 * One slice of an RDD. A partition travels with the task that computes it, so it carries whatever the RDD's
 * {@code compute} needs to find its data (a file range, a slice of a collection, the parent partitions).
 */
public interface Partition extends Serializable {
    /** The partition's position in its RDD, from 0. */
    int index();
}
