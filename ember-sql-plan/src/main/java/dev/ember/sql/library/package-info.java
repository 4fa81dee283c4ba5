/**
 * The built-in function library: a builder per function that checks and casts its arguments and binds it to its
 * implementation, registered by name in a fresh registry for each session. Functions are pure: nothing here may
 * depend on the engine, sessions or I/O.
 */
package dev.ember.sql.library;
