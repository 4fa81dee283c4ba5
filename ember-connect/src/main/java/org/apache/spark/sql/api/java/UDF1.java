package org.apache.spark.sql.api.java;

import java.io.Serializable;

/** A Java user-defined function of one argument, as clients register them by class name ({@code registerJava}). */
@FunctionalInterface
public interface UDF1<T1, R> extends Serializable {
    R call(T1 t1) throws Exception;
}
