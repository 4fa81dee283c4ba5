/**
 * The functional interfaces user code passes to RDD operations and to typed Datasets' ({@code MapFunction},
 * {@code FilterFunction}, {@code MapGroupsFunction}...), with Spark's names. Each is {@link java.io.Serializable}, so Java
 * lambdas and method references written against them can be shipped to executors, and each may throw checked
 * exceptions, which fail the task with the exception as its cause. {@link dev.ember.function.Reducers} are merge
 * functions that name the reduction they compute, so that the engine can merge them in place.
 *
 * <p>Value types of the API, used by every layer of the engine: depends only on the user API's {@code Pair},
 * {@code TaskContext} and error types; never on any engine package (no {@code rdd}, scheduler, executor, shuffle,
 * storage or collection class).
 */
package dev.ember.function;
