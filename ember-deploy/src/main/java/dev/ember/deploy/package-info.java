/**
 * The standalone cluster: the {@code Master} and the parts of its state (workers, applications, drivers, scheduling,
 * decommissioning, records, recovery), the {@code Worker} and the processes it runs, the application's client
 * ({@code StandaloneSchedulerBackend}), {@code local-cluster} mode, the master's web page, and the messages between
 * them ({@code DeployMessages}). Built on the core and the RPC layer; the core never depends on it (it is found
 * through {@code ServiceLoader}).
 */
package dev.ember.deploy;
