package dev.ember.sql.execution.operators;

import static java.util.Objects.requireNonNull;

import dev.ember.RDD;
import dev.ember.sql.execution.BoundExpressions;
import dev.ember.sql.execution.ExecutionContext;
import dev.ember.sql.execution.Partitioning;
import dev.ember.sql.execution.PhysicalPlan;
import dev.ember.sql.execution.eval.VectorExpression;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.generators.Generator;
import dev.ember.sql.plans.logical.PlanText;
import dev.ember.sql.types.DataType;
import dev.ember.sql.vector.BatchBuilder;
import dev.ember.sql.vector.ColumnBatch;
import dev.ember.sql.vector.ColumnVector;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Joins each input row with the rows its generator makes ({@code explode}, {@code posexplode}, {@code inline}): the
 * generator's arguments are evaluated per batch, and each made row is the input row's columns followed by the made
 * columns. With {@code outer}, a row of which none are made (a null or empty collection) is kept once with nulls.
 */
public record GenerateExec(Generator generator, boolean outer, List<Attribute> generatorOutput, PhysicalPlan child)
        implements UnaryExec {
    private static final long serialVersionUID = 1L;

    public GenerateExec {
        requireNonNull(generator, "generator is null");
        generatorOutput = List.copyOf(generatorOutput);
        requireNonNull(child, "child is null");
    }

    @Override
    public PhysicalPlan withChildren(List<PhysicalPlan> children) {
        return new GenerateExec(generator, outer, generatorOutput, children.get(0));
    }

    @Override
    public List<Attribute> output() {
        List<Attribute> output = new ArrayList<>(child.output());
        output.addAll(generatorOutput);
        return output;
    }

    @Override
    public Partitioning outputPartitioning() {
        return child.outputPartitioning();
    }

    @Override
    public RDD<ColumnBatch> execute(ExecutionContext context) {
        List<VectorExpression> arguments = BoundExpressions.compile(generator.children(), child.output());
        List<DataType> types = BoundExpressions.types(output());
        int inputColumns = child.output().size();
        Generator function = generator;
        boolean keepEmpty = outer;
        return child.execute(context)
                .mapPartitions(batches -> generate(batches, function, keepEmpty, arguments, types, inputColumns), true);
    }

    private static Iterator<ColumnBatch> generate(
            Iterator<ColumnBatch> batches,
            Generator generator,
            boolean outer,
            List<VectorExpression> arguments,
            List<DataType> types,
            int inputColumns) {
        BatchBuilder builder = new BatchBuilder(types);
        ArrayDeque<ColumnBatch> ready = new ArrayDeque<>();
        int width = types.size() - inputColumns;
        return new Iterator<>() {
            private boolean finished;

            @Override
            public boolean hasNext() {
                while (ready.isEmpty() && !finished) {
                    if (batches.hasNext()) {
                        process(batches.next());
                    } else {
                        if (!builder.isEmpty()) {
                            ready.add(builder.build());
                        }
                        finished = true;
                    }
                }
                return !ready.isEmpty();
            }

            private void process(ColumnBatch batch) {
                ColumnVector[] values = BoundExpressions.evaluate(arguments, batch);
                for (int k = 0; k < batch.size(); k++) {
                    int row = batch.row(k);
                    List<Object[]> made = generator.generate(BoundExpressions.values(values, row));
                    if (made.isEmpty() && outer) {
                        made = java.util.Collections.singletonList(new Object[width]);
                    }
                    for (Object[] generated : made) {
                        for (int c = 0; c < inputColumns; c++) {
                            builder.copyFrom(c, batch.column(c), row);
                        }
                        for (int c = 0; c < width; c++) {
                            builder.set(inputColumns + c, generated[c]);
                        }
                        builder.endRow();
                        if (builder.isFull()) {
                            ready.add(builder.build());
                        }
                    }
                }
            }

            @Override
            public ColumnBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return ready.poll();
            }
        };
    }

    @Override
    public String simpleString() {
        return "Generate " + generator.sql() + (outer ? ", outer" : "") + ", " + PlanText.list(generatorOutput);
    }
}
