/**
 * Reading and writing files for the RDD API: resolving input paths (files, directories, globs, comma-separated
 * lists), cutting files into splits and reading lines across split boundaries (or fixed-length records within
 * them), and committing output so that exactly one attempt of each task contributes its file. Local and mounted file
 * systems ({@code file:}) only.
 *
 * <p>Depends on the executor's task context (to commit output), input metrics, serializers and the API's
 * {@code Partition}; never on the RDDs that use it, the scheduler, storage or shuffle.
 */
package dev.ember.files;
