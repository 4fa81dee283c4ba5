/**
 * Listener events: what the scheduler, executors and block managers report about an application (jobs, stages,
 * tasks with their metrics, blocks, executors), delivered asynchronously to {@link dev.ember.events.EmberListener}s
 * by the {@link dev.ember.events.LiveListenerBus}. The console progress bar, the status tracker and the web UI are
 * all listeners. Events are immutable records; this package depends on metrics, storage ids,
 * {@code BlockStatus}, task end reasons, the API's {@code StorageLevel} and the thread helpers. It
 * never depends on the scheduler, status or {@code EmberContext}, which post to it or listen, nor on the RDDs or
 * shuffle.
 */
package dev.ember.events;
