/**
 * What both engines' runners share: the workloads' data generators, the checks of their results, and the protocol
 * between the controller and a runner process. Depends on neither engine. It imports nothing of Ember, not even
 * ember-common, and nothing of the controller or the runners, so that the Spark runner can use it without Ember on its
 * class path.
 */
package dev.ember.bench.workload;
