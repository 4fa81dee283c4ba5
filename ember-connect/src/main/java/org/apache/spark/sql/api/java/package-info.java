/**
 * The interfaces a Java user-defined function implements for Spark's clients to register it by class name
 * ({@code spark.udf().registerJava(name, className, type)}): the same names and shapes as Spark's, so that a UDF class
 * compiled against Spark's API loads on the Connect server, which calls it through these. Interfaces only; nothing
 * here depends on the engine or on Spark.
 */
package org.apache.spark.sql.api.java;
