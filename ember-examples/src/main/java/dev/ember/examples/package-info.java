/**
 * Example applications, run with {@code bin/ember run-example NAME args} or submitted like any application jar.
 * Each has a {@code main} that builds its own context from the configuration the launcher passes.
 */
package dev.ember.examples;
