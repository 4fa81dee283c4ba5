package dev.ember.sql.execution;

import dev.ember.sql.execution.eval.Evaluators;
import dev.ember.sql.execution.eval.VectorExpression;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Expressions;
import dev.ember.sql.types.DataType;
import dev.ember.sql.vector.ColumnBatch;
import dev.ember.sql.vector.ColumnVector;
import java.util.ArrayList;
import java.util.List;

/** Expressions bound to an operator's input and compiled for batches, and the small helpers operators share. */
public final class BoundExpressions {
    private BoundExpressions() {}

    public static VectorExpression compile(Expression expression, List<Attribute> input) {
        return Evaluators.compile(Expressions.bind(expression, input));
    }

    public static List<VectorExpression> compile(List<? extends Expression> expressions, List<Attribute> input) {
        List<VectorExpression> compiled = new ArrayList<>(expressions.size());
        for (Expression expression : expressions) {
            compiled.add(compile(expression, input));
        }
        return compiled;
    }

    /** The vectors of {@code expressions} on {@code batch}. */
    public static ColumnVector[] evaluate(List<VectorExpression> expressions, ColumnBatch batch) {
        ColumnVector[] vectors = new ColumnVector[expressions.size()];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = expressions.get(i).evaluate(batch);
            if (vectors[i].size() < batch.numRows()) {
                vectors[i].padTo(batch.numRows());
            }
        }
        return vectors;
    }

    public static List<DataType> types(List<Attribute> attributes) {
        List<DataType> types = new ArrayList<>(attributes.size());
        for (Attribute attribute : attributes) {
            types.add(attribute.dataType());
        }
        return types;
    }

    /** The values of row {@code row} of {@code vectors}, as internal values. */
    public static Object[] values(ColumnVector[] vectors, int row) {
        Object[] values = new Object[vectors.length];
        for (int i = 0; i < vectors.length; i++) {
            values[i] = vectors[i].isNull(row) ? null : vectors[i].getObject(row);
        }
        return values;
    }
}
