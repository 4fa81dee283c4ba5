/**
 * The catalog as the analyzer sees it: what a name of a table, view or function refers to. Interfaces and the
 * in-memory catalog of temporary views; nothing of the engine.
 */
package dev.ember.sql.catalog;
