package dev.ember.sql;

import static java.util.Objects.requireNonNull;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.aggregate.UserAggregate;
import dev.ember.sql.types.DataType;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@link Aggregator} made callable ({@code functions.udaf}): {@code apply(col("x"))} in a DataFrame aggregation,
 * or registered under a name for SQL ({@code spark.udf().register("median", udaf)}).
 */
public final class UserDefinedAggregate {
    private final String name;
    private final Aggregator<?, ?, ?> aggregator;
    private final Encoder<?> input;

    UserDefinedAggregate(String name, Aggregator<?, ?, ?> aggregator, Encoder<?> input) {
        this.name = requireNonNull(name, "name is null");
        this.aggregator = requireNonNull(aggregator, "aggregator is null");
        this.input = requireNonNull(input, "input is null");
    }

    /** The same aggregate under another name, as SQL and the plan show it. */
    public UserDefinedAggregate withName(String newName) {
        return new UserDefinedAggregate(newName, aggregator, input);
    }

    /** The aggregate of these columns (one per field of the input encoder). */
    public Column apply(Column... columns) {
        List<Expression> arguments = new ArrayList<>();
        for (Column column : columns) {
            arguments.add(column.expr());
        }
        return new Column(
                new dev.ember.sql.expressions.InlineFunction(name, (resolved, context) -> build(resolved), arguments));
    }

    /** The aggregate function of resolved arguments. */
    UserAggregate build(List<Expression> arguments) {
        int width = input.isStruct() ? input.schema().size() : 1;
        if (arguments.size() != width) {
            throw new EmberException(
                    ErrorClass.UNRESOLVED_ROUTINE,
                    "The aggregate " + name + " takes " + width + " argument(s) (its input is " + input + "), but "
                            + arguments.size() + " were given");
        }
        List<Expression> cast = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            DataType wanted = input.schema().field(i).dataType();
            Expression argument = arguments.get(i);
            cast.add(
                    argument.dataType().equals(wanted)
                            ? argument
                            : new dev.ember.sql.expressions.Cast(argument, wanted));
        }
        Encoder<?> buffer = aggregator.bufferEncoder();
        Encoder<?> output = aggregator.outputEncoder();
        DataType resultType =
                output.isStruct() ? output.schema() : output.schema().field(0).dataType();
        return new UserAggregate(
                name, cast, new Logic<>(erase(aggregator), input, buffer, output), buffer.schema(), resultType);
    }

    @SuppressWarnings("unchecked")
    private static Aggregator<Object, Object, Object> erase(Aggregator<?, ?, ?> aggregator) {
        return (Aggregator<Object, Object, Object>) aggregator;
    }

    /** The aggregator on internal values: buffers are rows of the buffer encoder. */
    private record Logic<IN, BUF, OUT>(
            Aggregator<IN, BUF, OUT> aggregator, Encoder<?> input, Encoder<?> buffer, Encoder<?> output)
            implements UserAggregate.Logic {
        private static final long serialVersionUID = 1L;

        @SuppressWarnings("unchecked")
        private Encoder<BUF> buffers() {
            return (Encoder<BUF>) buffer;
        }

        @Override
        public Object zero() {
            return buffers().toRow(aggregator.zero());
        }

        @Override
        @SuppressWarnings("unchecked")
        public Object reduce(Object state, Object[] arguments) {
            IN value = ((Encoder<IN>) input).fromRow(arguments);
            return buffers().toRow(aggregator.reduce(buffers().fromRow((Object[]) state), value));
        }

        @Override
        public Object merge(Object left, Object right) {
            return buffers()
                    .toRow(aggregator.merge(
                            buffers().fromRow((Object[]) left), buffers().fromRow((Object[]) right)));
        }

        @Override
        @SuppressWarnings("unchecked")
        public Object finish(Object state) {
            OUT result = aggregator.finish(buffers().fromRow((Object[]) state));
            Encoder<OUT> out = (Encoder<OUT>) output;
            if (result == null) {
                return null;
            }
            Object[] row = out.toRow(result);
            return out.isStruct() ? row : row[0];
        }
    }
}
