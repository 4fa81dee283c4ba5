package dev.ember.sql.execution;

import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.SortOrder;
import java.io.Serializable;
import java.util.List;

/** What an operator needs of how its input's rows are spread over partitions. */
public sealed interface Distribution extends Serializable {
    /** Any spread will do. */
    enum Unspecified implements Distribution {
        INSTANCE
    }

    /** Every row in one partition (a global limit, a final aggregate without grouping). */
    enum AllTuples implements Distribution {
        INSTANCE
    }

    /**
     * Rows with equal values of {@code expressions} in the same partition (an aggregation's groups, a join's keys).
     * {@code requiredPartitions} (0 for any) and {@code exact} (hash by exactly these expressions, in order) are how two
     * children of a join are made to agree on where a key goes.
     */
    record Clustered(List<Expression> expressions, int requiredPartitions, boolean exact) implements Distribution {
        public Clustered {
            expressions = List.copyOf(expressions);
        }
    }

    /** Rows in ranges of an ordering across partitions (a global sort). */
    record Ordered(List<SortOrder> ordering) implements Distribution {
        public Ordered {
            ordering = List.copyOf(ordering);
        }
    }

    /** The whole input available to every task (a broadcast join's build side). */
    enum Broadcast implements Distribution {
        INSTANCE
    }
}
