/**
 * Event logs and the history server: {@link dev.ember.ui.history.EventLogWriter} writes every listener event as a
 * line of JSON ({@link dev.ember.ui.history.EventJson}), compressed and rolled by size, into one directory per
 * application; {@link dev.ember.ui.history.HistoryServer} replays those directories into status stores and serves them
 * with the application UI's pages and REST API. A line that cannot be read is skipped and counted, never fatal.
 * Depends on the core's events, the status store, the pages, the API and the HTTP server; never on the scheduler or
 * the context.
 */
package dev.ember.ui.history;
