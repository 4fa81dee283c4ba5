/**
 * Rows of the engine's internal values as Arrow IPC streams and back, with the type mapping Spark Connect's clients
 * expect. Depends on Arrow and the SQL types only; it must not depend on the server or the planner.
 */
package dev.ember.connect.arrow;
