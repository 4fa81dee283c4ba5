/**
 * The functions typed Datasets take, as Spark's Java API names them ({@code MapFunction}, {@code FilterFunction},
 * {@code MapGroupsFunction}...): serializable, so that they ship to executors, and allowed to throw. Plain
 * interfaces; nothing of the engine.
 */
package dev.ember.sql.function;
