package dev.ember.sql.expressions;

import java.io.Serializable;

/**
 * The implementation of a function on one row: internal values in, an internal value out. Kernels of functions that
 * are null-intolerant ({@link ScalarFunction#nullIntolerant}) are never called with a null argument. A kernel must not
 * keep state between calls; it travels to executors inside plans, so it must be serializable.
 */
@FunctionalInterface
public interface ScalarKernel extends Serializable {
    Object apply(Object[] arguments);
}
