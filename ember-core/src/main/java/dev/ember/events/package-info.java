/**
 * Listener events: what the scheduler, executors and block managers report about an application (jobs, stages,
 * tasks with their metrics, blocks, executors), delivered asynchronously to {@link dev.ember.events.EmberListener}s
 * by the {@link dev.ember.events.LiveListenerBus}. The console progress bar, the status tracker and the web UI are
 * all listeners. Events are immutable records; this package depends only on metrics, storage ids and task end reasons.
 */
package dev.ember.events;
