package dev.ember.sql.execution;

import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.SortOrder;
import java.io.Serializable;
import java.util.List;

/** How a plan's output rows are spread over its partitions. */
public sealed interface Partitioning extends Serializable {
    /** How many partitions; 0 when not known until the RDD exists. */
    int numPartitions();

    /** Whether rows spread this way satisfy {@code distribution}. */
    boolean satisfies(Distribution distribution);

    /** Nothing is known of where a row is. */
    record Unknown(int numPartitions) implements Partitioning {
        @Override
        public boolean satisfies(Distribution distribution) {
            return distribution instanceof Distribution.Unspecified
                    || (numPartitions == 1 && distribution instanceof Distribution.AllTuples);
        }
    }

    /** Every row in one partition. */
    record Single() implements Partitioning {
        @Override
        public int numPartitions() {
            return 1;
        }

        @Override
        public boolean satisfies(Distribution distribution) {
            return !(distribution instanceof Distribution.Broadcast);
        }
    }

    /** Rows with equal values of {@code expressions} in the same partition, by the engine's hash. */
    record Hash(List<Expression> expressions, int numPartitions) implements Partitioning {
        public Hash {
            expressions = List.copyOf(expressions);
        }

        @Override
        public boolean satisfies(Distribution distribution) {
            if (distribution instanceof Distribution.Unspecified) {
                return true;
            }
            if (distribution instanceof Distribution.Clustered clustered) {
                // Hashing by a subset of the wanted keys keeps equal keys together too; by exactly them is needed
                // when two children must agree, which Clustered with a required count expresses.
                return clustered.expressions().containsAll(expressions)
                        && !expressions.isEmpty()
                        && (clustered.requiredPartitions() == 0 || clustered.requiredPartitions() == numPartitions)
                        && (!clustered.exact() || clustered.expressions().equals(expressions));
            }
            return false;
        }
    }

    /** Rows in ranges of {@code ordering}: partition i holds rows ordered before those of partition i + 1. */
    record Range(List<SortOrder> ordering, int numPartitions) implements Partitioning {
        public Range {
            ordering = List.copyOf(ordering);
        }

        @Override
        public boolean satisfies(Distribution distribution) {
            if (distribution instanceof Distribution.Unspecified) {
                return true;
            }
            if (distribution instanceof Distribution.Ordered ordered) {
                return ordered.ordering().equals(ordering);
            }
            return false;
        }
    }

    /**
     * Rows dealt out in turn over {@code numPartitions}, each map task starting at a partition of its own
     * ({@code repartition(n)}): even partitions, nothing known of where a row is.
     */
    record RoundRobin(int numPartitions) implements Partitioning {
        @Override
        public boolean satisfies(Distribution distribution) {
            return distribution instanceof Distribution.Unspecified
                    || (numPartitions == 1 && distribution instanceof Distribution.AllTuples);
        }
    }

    /** The output is the same complete set of rows on every task (a broadcast build side). */
    record Broadcasted() implements Partitioning {
        @Override
        public int numPartitions() {
            return 1;
        }

        @Override
        public boolean satisfies(Distribution distribution) {
            return distribution instanceof Distribution.Broadcast;
        }
    }
}
