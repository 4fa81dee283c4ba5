/**
 * What both engines' runners share: the workloads' data generators, the checks of their results, and the protocol
 * between the controller and a runner process. Depends on neither engine.
 */
package dev.ember.bench.workload;
