/**
 * Example applications, run with {@code bin/ember run-example NAME args} or submitted like any application jar.
 * Each has a {@code main} that builds its own context from the configuration the launcher passes.
 *
 * <p>Depends on the user API ({@code dev.ember} and {@code dev.ember.function}) only; never on the engine's internal
 * packages, ember-network, ember-deploy or the launcher, which finds the examples by name.
 */
package dev.ember.examples;
