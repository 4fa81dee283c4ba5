/**
 * Per-task metrics: time, memory, spills, input, output and shuffle traffic. Filled in by the task's thread,
 * carried to the driver with the task's outcome, and published to listeners. Depends on nothing else in Ember.
 */
package dev.ember.metrics;
