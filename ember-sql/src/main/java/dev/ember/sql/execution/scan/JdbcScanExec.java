package dev.ember.sql.execution.scan;

import static java.util.Objects.requireNonNull;

import dev.ember.RDD;
import dev.ember.sql.execution.ExecutionContext;
import dev.ember.sql.execution.Partitioning;
import dev.ember.sql.execution.operators.LeafExec;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.plans.logical.PlanText;
import dev.ember.sql.vector.ColumnBatch;
import java.util.List;

/**
 * Reads a JDBC relation's columns {@code output}, one task per partition of the relation; {@code filters} (those of
 * the query that compile into the database's SQL, as {@code compiled}) go into each task's {@code WHERE}, and the
 * filter above still checks every row.
 */
public record JdbcScanExec(
        JdbcRelation relation, List<Attribute> output, List<Expression> filters, List<String> compiled)
        implements LeafExec {
    private static final long serialVersionUID = 1L;

    public JdbcScanExec {
        requireNonNull(relation, "relation is null");
        output = List.copyOf(output);
        filters = List.copyOf(filters);
        compiled = List.copyOf(compiled);
    }

    @Override
    public Partitioning outputPartitioning() {
        return new Partitioning.Unknown(relation.partitions().size());
    }

    @Override
    public RDD<ColumnBatch> execute(ExecutionContext context) {
        return new JdbcRDD(context.emberContext(), relation, output, compiled);
    }

    @Override
    public String simpleString() {
        return "JdbcScan " + relation.description() + " " + PlanText.list(output)
                + (filters.isEmpty() ? "" : ", PushedFilters: " + PlanText.list(filters));
    }
}
