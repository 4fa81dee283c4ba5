/**
 * The application UI: {@link dev.ember.ui.ApplicationUiFactory} is what the context starts (found by name when this
 * module is on the class path); {@link dev.ember.ui.UiRouter} maps paths to the pages, the REST API and the static
 * assets of one or more applications. Built on the status store, the pages, the API and ember-network's HTTP server;
 * the core never depends on this package, and nothing here reaches into the scheduler or the context.
 */
package dev.ember.ui;
