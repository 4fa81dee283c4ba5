/**
 * The {@code bin/ember} launcher: parses the command line, turns options into configuration, and runs
 * applications (and the examples and the shell) in this JVM. The only package allowed to end the JVM.
 *
 * <p>Depends on the user API ({@code EmberConf}, {@code EmberContext}), ember-common's configuration and helpers,
 * ember-deploy (the daemons, cluster deploy mode), ember-kernel, and ember-network's settings and RPC addresses; never
 * on the engine's internal packages (scheduler, executor, shuffle, storage, {@code rdd}). It finds the examples by
 * package name, and nothing depends on it.
 */
package dev.ember.cli;
