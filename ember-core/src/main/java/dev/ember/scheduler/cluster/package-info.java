/**
 * Cluster mode's side of the scheduler: the driver's endpoints over RPC ({@code ClusterDriver},
 * {@code CoarseGrainedSchedulerBackend}, {@code DriverEndpoints}), the executor process's main class
 * ({@code CoarseGrainedExecutorBackend}), and the messages between them ({@code ClusterMessages}, in the wire format
 * of {@code ClusterWire}). The only package of the core that speaks RPC messages; it puts the layers together and
 * nothing below it depends on it. It depends on the scheduler, executor, shuffle, storage and events, and on
 * ember-network (RPC, wire format, transport); never on the RDDs, collection, memory, broadcast or
 * {@code EmberContext}, nor on ember-deploy, whose cluster manager it finds through {@code ServiceLoader}.
 */
package dev.ember.scheduler.cluster;
