/**
 * The UI's status store: a listener that folds an application's events (live from the listener bus, or replayed
 * from an event log) into bounded per-job, per-stage, per-task, per-executor and per-RDD state, and answers
 * snapshots of it as the REST API's records. Depends on the core's events and metrics and on the API's records;
 * never on the scheduler's internals, the context, the network or the pages.
 */
package dev.ember.ui.status;
