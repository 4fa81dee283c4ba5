/**
 * Spark Connect's unresolved plans, expressions, literals and types as Ember's: each relation becomes the Dataset the
 * DataFrame API builds for the same call. Depends on the SQL API and the protocol's generated classes only; it must
 * not depend on the server ({@code dev.ember.connect}).
 */
package dev.ember.connect.planner;
