/**
 * The encoding of RPC messages: a small, versioned binary format in which only the types a process registered can
 * appear. A message is a tree of values (null, booleans, integers, doubles, strings, byte arrays, lists, maps, and
 * registered records, enums and types with an encoding of their own); nothing names a Java class, so reading a
 * message can make no object that its {@link dev.ember.network.wire.MessageSet}s do not list. Reading is bounded by
 * the bytes it is given (no length is trusted beyond what remains), by a nesting depth and by a time budget.
 * Depends on nothing of the engine.
 */
package dev.ember.network.wire;
