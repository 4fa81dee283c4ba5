/**
 * The functional interfaces user code passes to RDD operations and to typed Datasets' ({@code MapFunction},
 * {@code FilterFunction}, {@code MapGroupsFunction}...), with Spark's names. Each is {@link java.io.Serializable}, so Java
 * lambdas and method references written against them can be shipped to executors, and each may throw checked
 * exceptions, which fail the task with the exception as its cause. {@link dev.ember.function.Reducers} are merge
 * functions that name the reduction they compute, so that the engine can merge them in place.
 *
 * <p>This package lives in {@code ember-api}, which has no dependencies, so that a thin client
 * ({@code ember-connect-client}) writes the same lambdas as a driver does; {@code TaskFunction}, which takes the
 * engine's {@code TaskContext}, is the one interface of the package that {@code ember-core} holds.
 *
 * <p>Value types of the API, used by every layer of the engine: depends only on {@link dev.ember.Pair} and the JDK;
 * never on the engine (no {@code rdd}, scheduler, executor, shuffle, storage or collection class).
 */
package dev.ember.function;
