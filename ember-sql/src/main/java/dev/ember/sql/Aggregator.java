package dev.ember.sql;

import java.io.Serializable;

/**
 * A user's aggregate function over typed values, as Spark's: {@code zero} starts a buffer, {@code reduce} adds a value
 * to it, {@code merge} combines two buffers (of two partitions), {@code finish} makes the result. Register it with
 * {@code spark.udf().register("name", functions.udaf(aggregator, inputEncoder))} to call it in SQL, or use
 * {@code functions.udaf(...).apply(col("x"))} in a DataFrame's {@code agg}. Buffers travel between tasks as rows of
 * {@link #bufferEncoder()}, so an aggregator and its buffer type must be serializable in that way; it is shipped to
 * executors with the query.
 *
 * @param <IN> the values aggregated (one column, or several as a bean or record)
 * @param <BUF> the buffer
 * @param <OUT> the result
 */
public abstract class Aggregator<IN, BUF, OUT> implements Serializable {
    private static final long serialVersionUID = 1L;

    /** An empty buffer: {@code reduce(zero(), v)} is the buffer of {@code v} alone. */
    public abstract BUF zero();

    public abstract BUF reduce(BUF buffer, IN value);

    public abstract BUF merge(BUF left, BUF right);

    public abstract OUT finish(BUF buffer);

    public abstract Encoder<BUF> bufferEncoder();

    public abstract Encoder<OUT> outputEncoder();
}
