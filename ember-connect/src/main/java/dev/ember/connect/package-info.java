/**
 * The Connect server: Spark Connect's gRPC protocol over Ember's SQL engine, so that thin clients (notebooks, IDEs,
 * services) run DataFrame and SQL programs without an engine in their own process. Sessions, operations and their
 * result streams live here; translating plans is {@code dev.ember.connect.planner}'s, Arrow encoding
 * {@code dev.ember.connect.arrow}'s. Nothing in the engine's modules may depend on this package.
 */
package dev.ember.connect;
