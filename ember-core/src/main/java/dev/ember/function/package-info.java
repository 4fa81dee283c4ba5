/**
 * The functional interfaces user code passes to RDD operations. Each is {@link java.io.Serializable}, so Java
 * lambdas and method references written against them can be shipped to executors, and each may throw checked
 * exceptions, which fail the task with the exception as its cause.
 *
 * <p>Depends only on the user API's {@code Pair}, {@code TaskContext} and error types; never on any engine package.
 */
package dev.ember.function;
