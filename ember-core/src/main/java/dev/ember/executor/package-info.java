/**
 * Running tasks: {@link dev.ember.executor.Task}s (shuffle-map and result), the
 * {@link dev.ember.executor.Executor} that deserializes and runs them on a thread pool and reports their outcome
 * to an {@link dev.ember.executor.ExecutorBackend}, and the per-process {@link dev.ember.executor.EmberEnv} of
 * services tasks use. Knows nothing of how tasks are scheduled.
 */
package dev.ember.executor;
