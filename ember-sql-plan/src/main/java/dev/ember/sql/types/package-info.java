/**
 * The data types of SQL and of {@code Dataset} schemas, and how a value of each is held inside the engine (see
 * {@link dev.ember.sql.types.DataType}). Depends on nothing but the common error type.
 */
package dev.ember.sql.types;
