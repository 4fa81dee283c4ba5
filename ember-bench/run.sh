#!/usr/bin/env bash
#
# Ember vs Apache Spark, side by side: builds the benchmark modules and runs the suite.
#   ember-bench/run.sh            the full profile (under 20 minutes on 2 cores)
#   ember-bench/run.sh --quick    small data, a few minutes
#   ember-bench/run.sh --workloads tpch [--tpch-scale 10] [--tpch-queries 1,6] [--tpch-heap 1g]
#                                 TPC-H on Ember, Spark and DuckDB (data written once into bench-data/)
#   ember-bench/run.sh --help     all options (--workloads, --rounds, --warmups, --cores, --seed, ...)
# Results: a table on the console, JSON and Markdown under bench-results/. Inputs are cached in bench-data/.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

./mvnw -q -B -ntp -Pbench -pl ember-bench,ember-bench-spark,ember-bench-duckdb -am package \
  -Dtest='dev.ember.bench.**,!dev.ember.bench.ember.TpchQueriesTest' -Dsurefire.failIfNoSpecifiedTests=false

# Jars, not class directories: the start-up workload archives the classes of both engines (class data sharing),
# which the JVM refuses for a class path holding a directory.
bench_jar() { ls "$ROOT/$1/target/$1"-*.jar | grep -v -e '-sources' -e '-tests' | head -n 1; }
ember_cp="$(bench_jar ember-bench):$(cat ember-bench/target/classpath/ember.txt)"
spark_cp="$(bench_jar ember-bench-spark):$(cat ember-bench-spark/target/classpath/spark.txt)"
duckdb_cp="$(bench_jar ember-bench-duckdb):$(cat ember-bench-duckdb/target/classpath/duckdb.txt)"

if [[ -n "${JAVA_HOME:-}" ]]; then JAVA="$JAVA_HOME/bin/java"; else JAVA="$(command -v java)"; fi

exec "$JAVA" -Xmx512m -cp "$ember_cp" dev.ember.bench.BenchMain \
  --ember-classpath "$ember_cp" --spark-classpath "$spark_cp" \
  --duckdb-classpath "$duckdb_cp" --java "$JAVA" "$@"
