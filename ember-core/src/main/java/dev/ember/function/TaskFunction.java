package dev.ember.function;

import dev.ember.TaskContext;
import java.io.Serializable;
import java.util.Iterator;

/** What a job computes from each partition: the task's context and the partition's values in, a result out. */
@FunctionalInterface
public interface TaskFunction<T, R> extends Serializable {
    R call(TaskContext context, Iterator<T> values) throws Exception;
}
