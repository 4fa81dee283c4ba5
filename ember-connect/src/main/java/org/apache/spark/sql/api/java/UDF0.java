package org.apache.spark.sql.api.java;

import java.io.Serializable;

/** A Java user-defined function of no argument, as clients register them by class name ({@code registerJava}). */
@FunctionalInterface
public interface UDF0<R> extends Serializable {
    R call() throws Exception;
}
