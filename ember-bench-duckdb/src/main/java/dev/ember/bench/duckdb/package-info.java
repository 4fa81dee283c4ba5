/**
 * DuckDB's benchmark runner: the TPC-H queries through DuckDB's JDBC driver over the same Parquet files, the
 * reference line Ember's SQL is measured against.
 *
 * <p>Depends on the workload package and on JDBC; never on Ember, on Spark or on the controller.
 */
package dev.ember.bench.duckdb;
