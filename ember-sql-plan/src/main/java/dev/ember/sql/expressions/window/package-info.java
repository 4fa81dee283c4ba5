/**
 * Window functions and specifications: ranking and offset functions, frames, and the window expression that applies a
 * function over a partition of ordered rows. Depends on nothing of the engine.
 */
package dev.ember.sql.expressions.window;
