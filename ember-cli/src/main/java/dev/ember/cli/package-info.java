/**
 * The {@code bin/ember} launcher: parses the command line, turns options into configuration, and runs
 * applications (and the examples and the shell) in this JVM. The only package allowed to end the JVM.
 */
package dev.ember.cli;
