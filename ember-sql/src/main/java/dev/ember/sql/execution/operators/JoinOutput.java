package dev.ember.sql.execution.operators;

import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.plans.logical.JoinType;
import dev.ember.sql.vector.BatchBuilder;
import dev.ember.sql.vector.ColumnBatch;
import dev.ember.sql.vector.ColumnVector;
import java.util.ArrayList;
import java.util.List;

/**
 * The output of a join: its columns, left then right (only left for semi and anti), nullable on an outer join's far
 * side; the stream rows a semi or anti join keeps; rows copied into a builder, nulls included.
 */
final class JoinOutput {
    private JoinOutput() {}

    static List<Attribute> of(JoinType type, List<Attribute> left, List<Attribute> right) {
        List<Attribute> output = new ArrayList<>();
        for (Attribute attribute : left) {
            output.add(type.leftNullable() ? attribute.withNullability(true) : attribute);
        }
        if (type.outputsRight()) {
            for (Attribute attribute : right) {
                output.add(type.rightNullable() ? attribute.withNullability(true) : attribute);
            }
        }
        return output;
    }

    /** The stream rows that matched ({@code wanted}) or did not, for a semi or anti join with its right side built. */
    static List<ColumnBatch> semi(
            ColumnBatch stream, boolean[] streamMatched, boolean wanted, List<ColumnBatch> output) {
        int size = stream.size();
        int[] selection = new int[size];
        int count = 0;
        for (int k = 0; k < size; k++) {
            if (streamMatched[k] == wanted) {
                selection[count++] = stream.row(k);
            }
        }
        if (count > 0) {
            output.add(count == size ? stream : stream.withSelection(selection, count));
        }
        return output;
    }

    static void copy(BatchBuilder builder, int column, ColumnBatch source, int sourceColumn, int row) {
        if (source == null) {
            builder.setNull(column);
        } else {
            copy(builder, column, source.column(sourceColumn), row);
        }
    }

    static void copy(BatchBuilder builder, int column, ColumnVector vector, int row) {
        if (vector.isNull(row)) {
            builder.setNull(column);
        } else {
            builder.copyFrom(column, vector, row);
        }
    }
}
