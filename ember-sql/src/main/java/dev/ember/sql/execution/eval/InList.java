package dev.ember.sql.execution.eval;

import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.In;
import dev.ember.sql.expressions.Literal;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.DecimalType;
import dev.ember.sql.types.StringType;
import dev.ember.sql.vector.BooleanVector;
import dev.ember.sql.vector.BytesVector;
import dev.ember.sql.vector.ColumnBatch;
import dev.ember.sql.vector.ColumnVector;
import dev.ember.sql.vector.ColumnVectors;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code value IN (literals)} on a string, integral, date or long-held decimal column, in one loop: strings are
 * compared as UTF-8 bytes in place (no String per row), numbers as primitives. The result is true on a match;
 * otherwise null if the value is null or the list holds a null, else false, as {@link In} defines it.
 */
record InList(VectorExpression value, byte[][] strings, long[] numbers, boolean listHasNull)
        implements VectorExpression {
    static boolean supports(In in) {
        DataType type = in.value().dataType();
        ColumnVectors.Kind kind = ColumnVectors.kindOf(type);
        boolean typed = type instanceof StringType || kind == ColumnVectors.Kind.INT || kind == ColumnVectors.Kind.LONG;
        if (!typed || in.list().isEmpty()) {
            return false;
        }
        // Literals only: an element left unfolded because it fails (such as CAST('a' AS BIGINT)) must fail only when
        // a row reaches it, as In does.
        for (Expression element : in.list()) {
            if (!(element instanceof Literal) || !element.dataType().equals(type)) {
                return false;
            }
        }
        return true;
    }

    static InList of(In in, VectorExpression value) {
        DataType type = in.value().dataType();
        List<Object> constants = new ArrayList<>();
        boolean sawNull = false;
        for (Expression element : in.list()) {
            Object constant = ((Literal) element).value();
            if (constant == null) {
                sawNull = true;
            } else {
                constants.add(constant);
            }
        }
        if (type instanceof StringType) {
            byte[][] strings = new byte[constants.size()][];
            for (int i = 0; i < strings.length; i++) {
                strings[i] = constants.get(i).toString().getBytes(StandardCharsets.UTF_8);
            }
            return new InList(value, strings, null, sawNull);
        }
        long[] numbers = new long[constants.size()];
        for (int i = 0; i < numbers.length; i++) {
            Object constant = constants.get(i);
            numbers[i] = type instanceof DecimalType decimal
                    ? ((BigDecimal) constant)
                            .setScale(decimal.scale())
                            .unscaledValue()
                            .longValueExact()
                    : ((Number) constant).longValue();
        }
        return new InList(value, null, numbers, sawNull);
    }

    @Override
    public DataType dataType() {
        return DataTypes.BooleanType;
    }

    @Override
    public ColumnVector evaluate(ColumnBatch batch) {
        ColumnVector values = value.evaluate(batch);
        BooleanVector result = new BooleanVector(Math.max(1, batch.numRows()));
        boolean nullable = values.mayHaveNulls();
        BytesVector bytes = strings != null ? (BytesVector) values : null;
        for (int k = 0, size = batch.size(); k < size; k++) {
            int row = batch.row(k);
            if (nullable && values.isNull(row)) {
                result.setNull(row);
                continue;
            }
            boolean found = false;
            if (bytes != null) {
                for (byte[] needle : strings) {
                    if (bytes.equals(row, needle, 0, needle.length)) {
                        found = true;
                        break;
                    }
                }
            } else {
                long number = values.getLong(row);
                for (long candidate : numbers) {
                    if (candidate == number) {
                        found = true;
                        break;
                    }
                }
            }
            if (!found && listHasNull) {
                result.setNull(row);
            } else {
                result.set(row, found);
            }
        }
        return result;
    }
}
