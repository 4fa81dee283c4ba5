/**
 * Running tasks: {@link dev.ember.executor.Task}s (shuffle-map and result), the
 * {@link dev.ember.executor.Executor} that deserializes and runs them on a thread pool and reports their outcome
 * to an {@link dev.ember.executor.ExecutorBackend}, and the per-process {@link dev.ember.executor.EmberEnv} of
 * services tasks use (and {@link dev.ember.executor.UserFiles}, where the process keeps files added for tasks). Knows
 * nothing of how tasks are scheduled.
 *
 * <p>Depends on shuffle, storage, memory, collection, broadcast, metrics and on the user API's {@code RDD},
 * dependencies and {@code TaskContext} (a task computes its RDD's partition); never on the scheduler,
 * {@code scheduler.cluster}, {@code rdd} or {@code EmberContext}. Of ember-network only {@code EmberEnv} uses a
 * setting, the network timeout.
 */
package dev.ember.executor;
