/** Ember's benchmark runner: the workloads written with Ember's API, run in a process the controller starts. */
package dev.ember.bench.ember;
