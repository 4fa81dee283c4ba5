/**
 * The metrics of a running application: the driver's JVM (heap, GC, threads), the scheduler (jobs, stages, running
 * and pending tasks), the listener bus (queue, drops) and every executor (tasks, task and GC time, shuffle and input
 * bytes, storage memory), taken from the status store and the JVM when asked. Served as Prometheus text on the UI's
 * port and as a JMX MBean. Reads the store and the bus; never the scheduler's or the executors' internals.
 */
package dev.ember.ui.metrics;
