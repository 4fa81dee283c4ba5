package org.apache.spark.sql.api.java;

import java.io.Serializable;

/** A Java user-defined function of 2 arguments, as clients register them by class name ({@code registerJava}). */
@FunctionalInterface
public interface UDF2<T1, T2, R> extends Serializable {
    R call(T1 t1, T2 t2) throws Exception;
}
