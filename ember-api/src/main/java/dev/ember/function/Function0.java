package dev.ember.function;

import java.io.Serializable;

/** A function of no argument, as the zero value of {@code aggregateByKey} is made. */
@FunctionalInterface
public interface Function0<R> extends Serializable {
    R call() throws Exception;
}
